namespace MagentoCloud.Engine.Transport;

/// <summary>Where and how to connect: the host, the private keys to try, and the known_hosts policy.</summary>
public sealed class SshConnectionInfo
{
    public SshConnectionInfo(SshHost host) => Host = host;

    public SshHost Host { get; }

    /// <summary>Private key files tried in order. Empty: ~/.ssh/id_ed25519, id_ecdsa, id_rsa (those that exist).</summary>
    public IReadOnlyList<string> PrivateKeyPaths { get; init; } = [];

    /// <summary>Default: ~/.ssh/known_hosts.</summary>
    public string? KnownHostsPath { get; init; }

    /// <summary>Trust a host not yet in known_hosts and append its key there. A changed key is refused regardless.</summary>
    public bool AcceptNewHostKey { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    internal string ResolvedKnownHostsPath => KnownHostsPath ?? Path.Combine(HomeSsh, "known_hosts");

    internal IReadOnlyList<string> ResolvedKeyPaths => PrivateKeyPaths.Count > 0
        ? PrivateKeyPaths
        : new[] { "id_ed25519", "id_ecdsa", "id_rsa" }.Select(n => Path.Combine(HomeSsh, n)).Where(File.Exists).ToList();

    private static string HomeSsh => Path.Combine(HomePath.Directory, ".ssh");
}
