using System.Text;
using System.Xml.Linq;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>
/// A stock Magento install's tables, read from its modules' declarative schema (db_schema.xml, and the two grid
/// tables that indexer.xml declares), as the checkout's neighbour folder shared/magento-schema holds them: columns,
/// types, lengths, nullability and primary keys; foreign keys and other indexes are left out.
/// </summary>
internal sealed class DeclaredSchema
{
    public const string Variable = "MC_MAGENTO_SCHEMA";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public sealed record Column(string Name, string Type, string SqlType, bool Nullable, int? Length)
    {
        public bool IsString => Type is "varchar" or "text" or "mediumtext" or "longtext" or "blob" or "mediumblob" or "longblob" or "varbinary";
    }

    public sealed record Table(string Name, IReadOnlyList<Column> Columns, IReadOnlyList<string> PrimaryKey);

    public required IReadOnlyList<Table> Tables { get; init; }

    /// <summary>
    /// The folder: <see cref="Variable"/>, else the first <c>shared/magento-schema</c> beside this test's folder or
    /// one of its parents (the checkout's neighbour <c>../shared</c>). Missing is a failure, never a skip.
    /// </summary>
    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
            return Directory.Exists(given) ? given : throw new InvalidOperationException($"{Variable} names {given}, which is not a folder.");
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "magento-schema");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException(
            $"Magento's declarative schema was not found: no shared/magento-schema beside the checkout or any folder above it. " +
            $"Put it there, or name its folder in {Variable}.");
    }

    public static DeclaredSchema Read(string folder)
    {
        var tables = new SortedDictionary<string, (Dictionary<string, Column> Columns, List<string> Primary)>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "db_schema.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            foreach (var table in XDocument.Load(file).Root!.Elements("table"))
            {
                var name = (string)table.Attribute("name")!;
                if ((string?)table.Attribute("disabled") == "true")
                {
                    tables.Remove(name);
                    continue;
                }
                if (!tables.TryGetValue(name, out var known)) tables[name] = known = (new Dictionary<string, Column>(StringComparer.Ordinal), []);
                foreach (var column in table.Elements("column"))
                {
                    var columnName = (string)column.Attribute("name")!;
                    if ((string?)column.Attribute("disabled") == "true") known.Columns.Remove(columnName);
                    else known.Columns[columnName] = ColumnOf(column);
                }
                foreach (var constraint in table.Elements("constraint"))
                    if ((string?)constraint.Attribute(Xsi + "type") == "primary")
                    {
                        known.Primary.Clear();
                        known.Primary.AddRange(constraint.Elements("column").Select(c => (string)c.Attribute("name")!));
                    }
            }
        }
        foreach (var file in Directory.GetFiles(folder, "indexer.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            foreach (var indexer in XDocument.Load(file).Root!.Elements("indexer"))
            {
                // The grid index's flat table: the primary fieldset's fields by name, the others' prefixed with their fieldset.
                var primary = (string)indexer.Attribute("primary")!;
                var columns = new Dictionary<string, Column>(StringComparer.Ordinal) { ["entity_id"] = new("entity_id", "int", "int(10) unsigned", false, null) };
                foreach (var fieldset in indexer.Elements("fieldset"))
                {
                    var set = (string)fieldset.Attribute("name")!;
                    foreach (var field in fieldset.Elements("field"))
                    {
                        var name = set == primary ? (string)field.Attribute("name")! : $"{set}_{field.Attribute("name")!.Value}";
                        var type = (string)field.Attribute("dataType")!;
                        columns[name] = new Column(name, type, type switch { "varchar" => "varchar(255)", "timestamp" => "timestamp", _ => type }, true,
                            type == "varchar" ? 255 : null);
                    }
                }
                tables[(string)indexer.Attribute("id")! + "_flat"] = (columns, ["entity_id"]);
            }
        return new DeclaredSchema
        {
            Tables = tables.Select(t => new Table(t.Key, t.Value.Columns.Values.ToList(), t.Value.Primary.Where(t.Value.Columns.ContainsKey).ToList())).ToList(),
        };
    }

    private static Column ColumnOf(XElement column)
    {
        var type = (string)column.Attribute(Xsi + "type")!;
        var unsigned = (string?)column.Attribute("unsigned") == "true" ? " unsigned" : "";
        int? length = int.TryParse((string?)column.Attribute("length"), out var l) ? l : null;
        var sql = type switch
        {
            "int" or "smallint" or "tinyint" or "bigint" => type + unsigned,
            "decimal" => $"decimal({(string?)column.Attribute("precision") ?? "10"},{(string?)column.Attribute("scale") ?? "0"})",
            "varchar" => $"varchar({length ??= 255})",
            "varbinary" => $"varbinary({length ??= 255})",
            "boolean" => "tinyint(1)",
            "timestamp" => "timestamp",
            _ => type, // float, double, date, datetime, text, mediumtext, longtext, blob, mediumblob, longblob
        };
        return new Column((string)column.Attribute("name")!, type, sql, (string?)column.Attribute("nullable") != "false", length);
    }

    /// <summary>CREATE TABLE for one table.</summary>
    public static string Create(Table table)
    {
        var sql = new StringBuilder($"CREATE TABLE `{table.Name}` (");
        sql.AppendJoin(", ", table.Columns.Select(c => $"`{c.Name}` {c.SqlType}{(c.Nullable && !table.PrimaryKey.Contains(c.Name) ? " NULL" : " NOT NULL")}"));
        if (table.PrimaryKey.Count > 0) sql.Append($", PRIMARY KEY ({string.Join(", ", table.PrimaryKey.Select(c => $"`{c}`"))})");
        return sql.Append(") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4").ToString();
    }
}
