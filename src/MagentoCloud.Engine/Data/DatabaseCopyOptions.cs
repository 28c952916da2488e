namespace MagentoCloud.Engine.Data;

/// <summary>What a copy, export or import carries and how.</summary>
public sealed record DatabaseCopyOptions
{
    /// <summary>Sanitize personal data; null: on when the source is Production and the destination is not.</summary>
    public bool? Sanitize { get; init; }

    /// <summary>Tables, wildcards and @groups carried as structure only.</summary>
    public IReadOnlyList<string> Strip { get; init; } = [];

    /// <summary>Tables left out entirely.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>Only these tables (when given).</summary>
    public IReadOnlyList<string> Include { get; init; } = [];

    /// <summary>Skip the snapshot of the destination taken before it is overwritten.</summary>
    public bool NoSnapshot { get; init; }

    /// <summary>Keep the destination's Redis cache and page-cache databases (1 and 2); by default they are emptied after the copy.</summary>
    public bool KeepCache { get; init; }

    /// <summary>Streams a copy runs at once; null: the cores of the slower database server, within what SSH hosts allow.</summary>
    public int? ThrottleLimit { get; init; }

    /// <summary>
    /// Allow writing into a Production environment, and a sanitized copy of Production's data whose rules match none
    /// of its tables.
    /// </summary>
    public bool Force { get; init; }
}
