namespace MagentoCloud.Engine.Data;

/// <summary>A <see cref="TableSelection"/> applied to a database's tables.</summary>
public sealed class TableSelectionResult
{
    private readonly Dictionary<string, TableDisposition> _dispositions;

    internal TableSelectionResult(IReadOnlyList<KeyValuePair<string, TableDisposition>> tables)
    {
        Tables = tables;
        _dispositions = tables.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
    }

    /// <summary>Every table, in the order given, with what the dump does with it.</summary>
    public IReadOnlyList<KeyValuePair<string, TableDisposition>> Tables { get; }

    public IReadOnlyList<string> DataTables => Of(TableDisposition.Data);

    /// <summary>Stripped: structure only (mysqldump --no-data for these).</summary>
    public IReadOnlyList<string> StructureOnlyTables => Of(TableDisposition.StructureOnly);

    /// <summary>Not dumped at all (mysqldump --ignore-table for these).</summary>
    public IReadOnlyList<string> SkippedTables => Of(TableDisposition.Skipped);

    /// <summary>What the dump does with <paramref name="table"/>; a table not in the list is skipped.</summary>
    public TableDisposition this[string table] => _dispositions.GetValueOrDefault(table, TableDisposition.Skipped);

    private List<string> Of(TableDisposition disposition) => Tables.Where(t => t.Value == disposition).Select(t => t.Key).ToList();
}
