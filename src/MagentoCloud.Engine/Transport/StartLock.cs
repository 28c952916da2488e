namespace MagentoCloud.Engine.Transport;

/// <summary>
/// The file a private server's folder is locked with while one process starts it: held open with no sharing,
/// so a second start (another session, another runbook) waits until the first is done.
/// </summary>
public static class StartLock
{
    public static async Task<FileStream> AcquireAsync(string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, "start.lock");
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
