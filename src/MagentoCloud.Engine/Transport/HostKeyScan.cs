using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace MagentoCloud.Engine.Transport;

/// <summary>
/// Trusting a new host: read the key it offers without trusting it (the connection stops at the key
/// exchange, nothing is sent but the protocol's greeting), and, once a person has checked the
/// fingerprint, add it to known_hosts. A changed key is never replaced here.
/// </summary>
public static class HostKeyScan
{
    /// <summary>The key <paramref name="host"/> offers and what <paramref name="knownHostsPath"/> (default ~/.ssh/known_hosts) says about it.</summary>
    public static async Task<CloudHostKey> ScanAsync(SshHost host, string? knownHostsPath, CancellationToken cancellationToken)
    {
        var knownHosts = new SshConnectionInfo(host) { KnownHostsPath = knownHostsPath }.ResolvedKnownHostsPath;
        byte[]? offered = null;
        var connection = new ConnectionInfo(host.HostName, host.Port, host.User, new NoneAuthenticationMethod(host.User))
        {
            Timeout = TimeSpan.FromSeconds(15),
        };
        using (var client = new SshClient(connection))
        {
            client.HostKeyReceived += (_, e) =>
            {
                offered = e.HostKey;
                e.CanTrust = false;
            };
            try
            {
                await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (offered is null && e is SocketException or SshException or TimeoutException)
            {
                throw new CloudException(CloudErrorId.HostUnreachable,
                    $"Cannot read the host key of {host}: {e.Message} Check that the host is up and that sshd listens on port {host.Port}.",
                    host.ToString(), e);
            }
            catch (SshException) when (offered is not null)
            {
                // Expected: the key was refused on purpose once read.
            }
        }
        var key = offered!;
        return new CloudHostKey
        {
            Host = host.ToString(),
            KnownHostsName = host.KnownHostsName,
            KeyType = KnownHostsFile.KeyType(key),
            Fingerprint = KnownHostsFile.Fingerprint(key),
            KnownHostsFile = knownHosts,
            Status = KnownHostsFile.Load(knownHosts).Check(host.KnownHostsName, key),
            Key = key,
        };
    }

    /// <summary>Adds a scanned key to its known_hosts file (unless it is there already); refuses a changed one.</summary>
    public static CloudHostKey Trust(CloudHostKey key)
    {
        var match = KnownHostsFile.Verify(key.KnownHostsFile, key.KnownHostsName, key.Key, acceptNew: true);
        if (match == HostKeyMatch.Changed)
        {
            throw new CloudException(CloudErrorId.HostKeyChanged,
                $"The {key.KeyType} host key of {key.Host} has CHANGED (now {key.Fingerprint}); {key.KnownHostsFile} holds another key. " +
                "It is not replaced here: this may be an attack or a reinstalled host. Verify the new key with the host's owner, then remove " +
                $"the old line (ssh-keygen -R '{key.KnownHostsName}' -f {key.KnownHostsFile}) and trust it again.", key.Host);
        }
        key.Added = key.Status == HostKeyMatch.Unknown;
        key.Status = HostKeyMatch.Known;
        return key;
    }
}
