namespace MagentoCloud.Engine.Data;

/// <summary>What a <see cref="DumpSanitizer"/> pass did, table by table.</summary>
public sealed class SanitizeReport
{
    public long BytesRead { get; init; }

    public long BytesWritten { get; init; }

    public IReadOnlyList<SanitizedTable> Tables { get; init; } = [];

    public int DefinersRewritten { get; init; }

    /// <summary>USE / CREATE DATABASE / DROP DATABASE lines left out (<see cref="DumpSanitizerOptions.StayInTargetDatabase"/>).</summary>
    public int DatabaseStatementsDropped { get; init; }

    public long Rows => Tables.Sum(t => t.Rows);

    /// <summary>Columns sanitized, over all tables.</summary>
    public int SanitizedColumns => Tables.Sum(t => t.SanitizedColumns.Count);

    public long SanitizedValues => Tables.Sum(t => t.SanitizedValues);

    /// <summary>Personal data found where no rule names it (sanitized all the same): columns to add to the rules.</summary>
    public IReadOnlyList<SanitizeFinding> Findings { get; init; } = [];

    /// <summary>
    /// The warning for <see cref="Findings"/>: the columns to name in .magento/sanitize.yaml so the next copy does
    /// not rely on a guess; null when there are none.
    /// </summary>
    public string? FindingsWarning => Findings.Count == 0 ? null :
        $"Personal data was found, or may be, in {Findings.Count} column{(Findings.Count == 1 ? "" : "s")} that no sanitizing rule names: " +
        string.Join("; ", Findings.Take(20)) + (Findings.Count > 20 ? $"; and {Findings.Count - 20} more" : "") +
        $". Name them in {SanitizeRules.ProjectFile} (with the action they need, 'keep', or 'table_name: {{}}' for a table that holds " +
        "nothing personal) so the next copy does not rely on a guess.";

    /// <summary>Tables whose rows were dropped.</summary>
    public IReadOnlyList<string> TruncatedTables => Tables.Where(t => t.Truncated).Select(t => t.Table).ToList();
}
