using System.Text.Json;

namespace MagentoCloud.Engine.Build;

/// <summary>
/// A content-addressed folder of slugs: <c>&lt;key&gt;.tar.zst</c> and its record <c>&lt;key&gt;.json</c>.
/// Both are written to a temporary file and renamed into place, archive first: a record is only ever
/// seen beside a complete archive, and two builders of the same key each rename a whole file, so
/// neither can corrupt the other.
/// </summary>
public sealed class SlugStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public SlugStore(string directory)
    {
        Directory = System.IO.Path.GetFullPath(directory);
    }

    public string Directory { get; }

    public string ArchivePath(string key) => System.IO.Path.Combine(Directory, CheckKey(key) + ".tar.zst");

    public string RecordPath(string key) => System.IO.Path.Combine(Directory, CheckKey(key) + ".json");

    /// <summary>The record of a complete slug, or null when the store has none for this key.</summary>
    public SlugRecord? Find(string key)
    {
        var recordPath = RecordPath(key);
        if (!File.Exists(recordPath) || !File.Exists(ArchivePath(key))) return null;
        try
        {
            return JsonSerializer.Deserialize<SlugRecord>(File.ReadAllText(recordPath), Json);
        }
        catch (JsonException)
        {
            return null; // a damaged record is treated as absent: the slug is rebuilt
        }
    }

    /// <summary>A temporary file in the store's folder (same file system, so the final rename is atomic).</summary>
    public string NewTemporaryPath()
    {
        System.IO.Directory.CreateDirectory(Directory);
        return System.IO.Path.Combine(Directory, $".tmp-{Guid.NewGuid():N}");
    }

    /// <summary>Moves a finished archive into place and writes its record.</summary>
    public SlugRecord Commit(string temporaryArchive, SlugRecord record)
    {
        File.Move(temporaryArchive, ArchivePath(record.Key), overwrite: true);
        var temporaryRecord = NewTemporaryPath();
        File.WriteAllText(temporaryRecord, JsonSerializer.Serialize(record, Json));
        File.Move(temporaryRecord, RecordPath(record.Key), overwrite: true);
        return record;
    }

    /// <summary>Removes a slug (record first, so no reader sees a record without its archive).</summary>
    public void Remove(string key)
    {
        File.Delete(RecordPath(key));
        File.Delete(ArchivePath(key));
    }

    private static string CheckKey(string key)
    {
        if (key.Length == 0 || !key.All(Uri.IsHexDigit))
            throw new CloudException(CloudErrorId.InvalidArgument, $"'{key}' is not a slug key (hexadecimal digits).", key);
        return key;
    }
}
