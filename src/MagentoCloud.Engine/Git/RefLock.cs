namespace MagentoCloud.Engine.Git;

/// <summary>
/// A lock file in the project remote that makes "compare the ref, then move it" one atomic step
/// across processes. LibGit2Sharp's UpdateTarget re-reads the ref just before writing, so by
/// itself it cannot tell that another writer moved the ref since we read it.
/// The file is created with O_EXCL (FileMode.CreateNew), atomic on a local file system.
/// </summary>
internal sealed class RefLock : IDisposable
{
    /// <summary>A lock older than this was left by a crashed process; writers hold it for milliseconds.</summary>
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(30);

    private readonly FileStream _file;
    private readonly string _path;

    private RefLock(FileStream file, string path)
    {
        _file = file;
        _path = path;
    }

    public static async Task<RefLock> AcquireAsync(string gitDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var path = Path.Combine(gitDirectory, "magento-cloud.lock");
        var deadline = DateTime.UtcNow + timeout;
        var wait = 2;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
                var owner = System.Text.Encoding.ASCII.GetBytes($"{Environment.ProcessId}@{Environment.MachineName}\n");
                file.Write(owner);
                file.Flush();
                return new RefLock(file, path);
            }
            catch (IOException) when (Directory.Exists(gitDirectory))
            {
                if (IsStale(path))
                {
                    try { File.Delete(path); } catch (IOException) { }
                    continue;
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new CloudException(
                        CloudErrorId.StateConflict,
                        $"The project remote is locked by another writer ('{path}' exists). " +
                        "Try again; if no other MagentoCloud command is running, delete that file.",
                        target: path);
                }
                await Task.Delay(Random.Shared.Next(wait, wait * 2), cancellationToken).ConfigureAwait(false);
                wait = Math.Min(wait * 2, 50);
            }
        }
    }

    private static bool IsStale(string path)
    {
        try
        {
            return DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > Stale && File.Exists(path);
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        // Delete before close: the name is free only once this writer is done with it.
        try { File.Delete(_path); } catch (IOException) { }
        _file.Dispose();
    }
}
