namespace MagentoCloud.Engine.Transport;

/// <summary>
/// How the engine reaches one host: run commands and handle files. Deploys, config exports and
/// database copies are written once against this and run locally or over SSH alike.
/// Paths are POSIX paths on the target host. Implementations are safe for parallel use.
/// </summary>
public interface ITransport : IAsyncDisposable
{
    /// <summary>"local", or "user@host:port" for SSH.</summary>
    string Host { get; }

    /// <summary>Runs a command and returns its exit code; a non-zero exit is not an exception.</summary>
    Task<CommandResult> RunAsync(CommandRequest request, CancellationToken ct = default);

    /// <summary>Writes a file atomically: a temporary file beside it, then a rename over it.</summary>
    Task UploadAsync(Stream content, string path, UnixFileMode? mode = null, CancellationToken ct = default);

    Task UploadFileAsync(string localPath, string path, UnixFileMode? mode = null, CancellationToken ct = default);

    Task DownloadAsync(string path, Stream destination, CancellationToken ct = default);

    /// <summary>Like mkdir -p: creates missing parents, no error when it exists.</summary>
    Task CreateDirectoryAsync(string path, CancellationToken ct = default);

    /// <summary>rename(2): atomically replaces <paramref name="to"/>, which may be a file or a symlink.</summary>
    Task RenameAsync(string from, string to, CancellationToken ct = default);

    Task CreateSymbolicLinkAsync(string target, string linkPath, CancellationToken ct = default);

    /// <summary>True when the path exists; a symlink counts even when its target is gone.</summary>
    Task<bool> ExistsAsync(string path, CancellationToken ct = default);

    /// <summary>Deletes a file, a symlink (never its target) or a directory; no error when it is absent.</summary>
    Task DeleteAsync(string path, bool recursive = false, CancellationToken ct = default);

    /// <summary>Reads a small UTF-8 text file; null when it does not exist.</summary>
    Task<string?> ReadTextAsync(string path, CancellationToken ct = default);

    /// <summary>Writes a small UTF-8 text file atomically; mode 0600 keeps a secret private from the start.</summary>
    Task WriteTextAsync(string path, string text, UnixFileMode? mode = null, CancellationToken ct = default);
}
