namespace MagentoCloud.Engine.Deploy;

/// <summary>
/// How a deploy reaches a host: a POSIX shell command with streamed input and output. Everything
/// host-side is written against this, so a deploy works the same on this machine and over SSH.
/// </summary>
public interface IHostShell
{
    /// <summary>The host as users know it (user@host:port, or "local").</summary>
    string Name { get; }

    /// <summary>Runs <paramref name="command"/> with <c>sh</c>; <paramref name="input"/> is its stdin. Never throws for a non-zero exit.</summary>
    Task<CloudCommandResult> RunAsync(string command, Stream? input, Action<string, bool>? onLine, CancellationToken cancellationToken);
}
