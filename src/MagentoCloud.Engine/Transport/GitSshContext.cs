using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Transport;

/// <summary>
/// What the SSH subtransport needs and libgit2 cannot hand it: the keys and known_hosts to use
/// (libgit2 constructs the subtransport itself), and a place to keep the engine's own error
/// (HostKeyUnknown, AuthenticationFailed, ...), which libgit2 would flatten into a message.
/// Scoped to the calling flow: libgit2 runs the subtransport on the thread that called it.
/// </summary>
public sealed class GitSshContext : IDisposable
{
    private static readonly AsyncLocal<GitSshContext?> CurrentContext = new();
    private readonly GitSshContext? _outer;

    private GitSshContext(SshSettings settings)
    {
        Settings = settings;
        _outer = CurrentContext.Value;
        CurrentContext.Value = this;
    }

    /// <summary>The settings of the innermost scope; outside any scope, OpenSSH's defaults (~/.ssh).</summary>
    internal static GitSshContext? Current => CurrentContext.Value;

    public SshSettings Settings { get; }

    /// <summary>The first engine error met inside the scope, if any.</summary>
    public CloudException? Failure { get; private set; }

    /// <summary>Makes <paramref name="settings"/> the ones Git over SSH uses until the scope is disposed.</summary>
    public static GitSshContext Use(SshSettings settings)
    {
        GitSshSubtransport.EnsureRegistered();
        return new GitSshContext(settings);
    }

    internal void Record(CloudException failure) => Failure ??= failure;

    public void Dispose() => CurrentContext.Value = _outer;
}
