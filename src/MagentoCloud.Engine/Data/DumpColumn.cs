namespace MagentoCloud.Engine.Data;

/// <summary>A column as the dump's CREATE TABLE declares it.</summary>
internal sealed record DumpColumn(string Name, DumpColumnKind Kind, bool Nullable)
{
    /// <summary>Reads the kind from the type's first word (int(10) unsigned, varchar(255), datetime, ...).</summary>
    public static DumpColumnKind KindOf(string type)
    {
        var word = type;
        var cut = word.IndexOfAny(['(', ' ']);
        if (cut >= 0) word = word[..cut];
        return word.ToLowerInvariant() switch
        {
            "tinyint" or "smallint" or "mediumint" or "int" or "integer" or "bigint" or "decimal" or "numeric"
                or "float" or "double" or "real" or "bit" or "bool" or "boolean" or "year" => DumpColumnKind.Number,
            "date" => DumpColumnKind.Date,
            "datetime" or "timestamp" => DumpColumnKind.DateTime,
            _ => DumpColumnKind.Text,
        };
    }
}
