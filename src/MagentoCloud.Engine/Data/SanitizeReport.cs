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

    /// <summary>Tables whose rows were dropped.</summary>
    public IReadOnlyList<string> TruncatedTables => Tables.Where(t => t.Truncated).Select(t => t.Table).ToList();
}
