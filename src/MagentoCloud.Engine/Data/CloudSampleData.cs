namespace MagentoCloud.Engine.Data;

/// <summary>What Install-CloudSampleData wrote into an environment's database.</summary>
public sealed class CloudSampleData
{
    public required string Environment { get; init; }

    public required string Database { get; init; }

    public int Customers { get; init; }

    public int Products { get; init; }

    public int Orders { get; init; }

    /// <summary>Rows written, over every table.</summary>
    public long Rows { get; init; }

    /// <summary>Bytes of SQL sent to the server (roughly the size of a dump of the same data).</summary>
    public long Bytes { get; init; }

    public TimeSpan Duration { get; init; }

    public int Seed { get; init; }
}
