using System.Collections.Concurrent;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Transport;

/// <summary>
/// One SSH transport per host and key settings for the life of the process, so a session's deploys,
/// commands and copies reuse open connections (a transport reconnects when its connection dropped).
/// </summary>
public static class HostConnections
{
    private static readonly ConcurrentDictionary<(SshHost, string?, string?), SshTransport> Open = new();

    /// <summary>The transport to a topology host, with the topology's identity file and known_hosts.</summary>
    public static SshTransport Connect(SshHost host, SshSettings settings) =>
        Open.GetOrAdd((host, settings.IdentityFile, settings.KnownHostsFile), key => new SshTransport(new SshConnectionInfo(key.Item1)
        {
            PrivateKeyPaths = key.Item2 is { } identity ? [HomePath.Expand(identity)] : [],
            KnownHostsPath = key.Item3 is { } knownHosts ? HomePath.Expand(knownHosts) : null,
        }));

    /// <summary>
    /// Closes every pooled connection and forgets it (a later Connect opens a new one). For the end of
    /// a session, or a host known to be gone; transports still in use fail their next call.
    /// </summary>
    public static async Task CloseAllAsync()
    {
        foreach (var key in Open.Keys.ToList())
            if (Open.TryRemove(key, out var transport)) await transport.DisposeAsync().ConfigureAwait(false);
    }
}
