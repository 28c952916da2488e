using System.Text.Json.Serialization;

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

    /// <summary>The environment a restore put it into, when that is another than <see cref="Environment"/>; null otherwise.</summary>
    [JsonIgnore]
    public string? RestoredTo { get; init; }

    /// <summary>True when a restore into another environment sanitized customer data on the way (a snapshot of Production).</summary>
    [JsonIgnore]
    public bool Sanitized { get; init; }

    /// <summary>What a restore into another environment changed in its settings to make them its own (see Copy-CloudDatabase).</summary>
    [JsonIgnore]
    public IReadOnlyList<CloudSettingChange> SettingsChanged { get; init; } = [];

    internal CloudSnapshot RestoredInto(string environment, IReadOnlyList<CloudSettingChange> changed, bool sanitized) => new()
    {
        Id = Id, Environment = Environment, CreatedAt = CreatedAt, Database = Database, DatabaseBytes = DatabaseBytes,
        FilesBytes = FilesBytes, Tables = Tables, Path = Path, RestoredTo = environment, SettingsChanged = changed, Sanitized = sanitized,
    };
}
