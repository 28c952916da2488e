namespace MagentoCloud.Engine.Data;

/// <summary>What Copy-CloudDatabase, Import-CloudDatabase and Export-CloudDatabase did.</summary>
public sealed class CloudDatabaseCopy
{
    /// <summary>The source environment, or the dump file of an import.</summary>
    public string Source { get; init; } = "";

    /// <summary>The destination environment, or the dump file of an export.</summary>
    public string Destination { get; init; } = "";

    /// <summary>The database written (or read, for an export).</summary>
    public string Database { get; init; } = "";

    public DatabaseCopyStatus Status { get; init; }

    /// <summary>Tables carried, with rows or structure only.</summary>
    public int Tables { get; init; }

    public long Rows { get; init; }

    /// <summary>Bytes of SQL that went through (before compression, for an export).</summary>
    public long Bytes { get; init; }

    public bool Sanitized { get; init; }

    /// <summary>Columns whose values were replaced, over all tables.</summary>
    public int SanitizedColumns { get; init; }

    /// <summary>
    /// Personal data found in columns no sanitizing rule names (sanitized by guess, and warned about): the columns
    /// to name in .magento/sanitize.yaml.
    /// </summary>
    public IReadOnlyList<SanitizeFinding> SanitizeFindings { get; init; } = [];

    /// <summary>Tables carried as structure only (-Strip).</summary>
    public IReadOnlyList<string> StrippedTables { get; init; } = [];

    /// <summary>The snapshot taken of the destination before it was overwritten, if any.</summary>
    public string? Snapshot { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>Streams that dumped and loaded at once (1 for an export, an import, or a copy that could not lock the source).</summary>
    public int ThrottleLimit { get; init; } = 1;

    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>MB/s over the whole run.</summary>
    public double Throughput => Duration.TotalSeconds > 0 ? Math.Round(Bytes / 1048576.0 / Duration.TotalSeconds, 1) : 0;
}
