namespace MagentoCloud.Engine.Data;

/// <summary>A snapshot of an environment: its database as a zstd dump and, when asked, its mounts' files as tar.zst.</summary>
public sealed class CloudSnapshot
{
    public string Id { get; init; } = "";

    public string Environment { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The database the dump came from.</summary>
    public string Database { get; init; } = "";

    /// <summary>Size of the compressed database dump.</summary>
    public long DatabaseBytes { get; init; }

    /// <summary>Size of the compressed mounts archive; 0 when the snapshot holds no files.</summary>
    public long FilesBytes { get; init; }

    public int Tables { get; init; }

    /// <summary>The snapshot's folder on this machine.</summary>
    public string Path { get; init; } = "";
}
