namespace MagentoCloud.Engine.Build;

/// <summary>The small JSON record beside a slug archive in the store. Written after the archive, so its presence means the archive is complete.</summary>
public sealed class SlugRecord
{
    public string Id { get; set; } = "";

    public string TreeId { get; set; } = "";

    public string Key { get; set; } = "";

    public long Size { get; set; }

    public int Files { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public TimeSpan BuildDuration { get; set; }

    /// <summary>The archive's SHA-256 (written by builds on a build host, checked where the slug lands).</summary>
    public string? Sha256 { get; set; }
}
