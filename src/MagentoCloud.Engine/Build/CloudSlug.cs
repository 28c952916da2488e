namespace MagentoCloud.Engine.Build;

/// <summary>A build's archived result, as Invoke-CloudBuild returns it.</summary>
public sealed class CloudSlug
{
    /// <summary>Short id (the key's first 12 hex digits), shown in releases.</summary>
    public string Id { get; set; } = "";

    /// <summary>The Git tree the slug was built from.</summary>
    public string TreeId { get; set; } = "";

    /// <summary>The commit that was built (any commit with the same tree and inputs shares the slug).</summary>
    public string Commit { get; set; } = "";

    /// <summary>Content address: the tree plus everything else that changes the build.</summary>
    public string Key { get; set; } = "";

    /// <summary>Size of the compressed archive, in bytes.</summary>
    public long Size { get; set; }

    /// <summary>Entries in the archive (files, folders and links).</summary>
    public int Files { get; set; }

    /// <summary>True when an existing slug was used without building.</summary>
    public bool Reused { get; set; }

    /// <summary>Time this call took: the whole build, or the look-up when reused.</summary>
    public TimeSpan Duration { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Where the archive is: on this machine, or on <see cref="BuildHost"/>.</summary>
    public string Path { get; set; } = "";

    /// <summary>The build host that holds the slug (user@host:port); empty when it is on this machine.</summary>
    public string BuildHost { get; set; } = "";

    /// <summary>The archive's SHA-256 (slugs of a build host; verified where the slug lands).</summary>
    public string Sha256 { get; set; } = "";

    public override string ToString() => $"{Id} (tree {TreeId[..Math.Min(12, TreeId.Length)]}, {Files} files)";
}
