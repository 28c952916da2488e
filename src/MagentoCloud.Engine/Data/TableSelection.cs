namespace MagentoCloud.Engine.Data;

/// <summary>
/// Which tables a dump carries, as n98-magerun2's db:dump chooses them: <c>-Strip</c> (structure
/// only), <c>-ExcludeTable</c> (left out), <c>-IncludeTable</c> (only these), each a list of table
/// names, <c>*</c>/<c>?</c> wildcards and <c>@group</c>s (<see cref="TableGroups"/>). An entry may hold
/// several selectors separated by spaces or commas, as n98's --strip="@log @sessions" does.
/// Exclusion wins over stripping; a table not included (when -IncludeTable is given) is left out.
/// </summary>
public sealed class TableSelection
{
    public TableSelection(IEnumerable<string>? strip = null, IEnumerable<string>? exclude = null,
        IEnumerable<string>? include = null, string tablePrefix = "")
    {
        Strip = Split(strip);
        Exclude = Split(exclude);
        Include = Split(include);
        TablePrefix = tablePrefix;
        foreach (var selector in Strip.Concat(Exclude).Concat(Include)) TableGroups.Validate(selector);
    }

    /// <summary>Everything, with data.</summary>
    public static TableSelection All { get; } = new();

    public IReadOnlyList<string> Strip { get; }

    public IReadOnlyList<string> Exclude { get; }

    public IReadOnlyList<string> Include { get; }

    /// <summary>Magento's table prefix: selectors match the names without it.</summary>
    public string TablePrefix { get; }

    /// <summary>Decides for each of the database's tables.</summary>
    public TableSelectionResult Resolve(IEnumerable<string> tables) =>
        new(tables.Select(t => new KeyValuePair<string, TableDisposition>(t, DispositionOf(t))).ToList());

    public TableDisposition DispositionOf(string table)
    {
        var name = TablePrefix.Length > 0 && table.StartsWith(TablePrefix, StringComparison.Ordinal) ? table[TablePrefix.Length..] : table;
        if (Include.Count > 0 && !Include.Any(s => TableGroups.Matches(s, name))) return TableDisposition.Skipped;
        if (Exclude.Any(s => TableGroups.Matches(s, name))) return TableDisposition.Skipped;
        if (Strip.Any(s => TableGroups.Matches(s, name))) return TableDisposition.StructureOnly;
        return TableDisposition.Data;
    }

    private static IReadOnlyList<string> Split(IEnumerable<string>? selectors) =>
        (selectors ?? []).SelectMany(s => s.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries)).ToList();
}
