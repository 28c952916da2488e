namespace MagentoCloud.Engine.Transport;

/// <summary>
/// An SSH host's key as the host offers it, and what a known_hosts file says about it: what a user
/// checks (the fingerprint, against the host owner's <c>ssh-keygen -lf</c>) before trusting a new host.
/// </summary>
public sealed class CloudHostKey
{
    /// <summary>user@host:port.</summary>
    public string Host { get; init; } = "";

    /// <summary>The name the key is filed under in known_hosts: <c>host</c>, or <c>[host]:port</c>.</summary>
    public string KnownHostsName { get; init; } = "";

    /// <summary>ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa, ...</summary>
    public string KeyType { get; init; } = "";

    /// <summary>OpenSSH's form: SHA256:...</summary>
    public string Fingerprint { get; init; } = "";

    public string KnownHostsFile { get; init; } = "";

    /// <summary>Known (trusted), Unknown (never seen), or Changed (known_hosts holds another key: never replaced here).</summary>
    public HostKeyMatch Status { get; set; }

    /// <summary>True when this command added the key to <see cref="KnownHostsFile"/>.</summary>
    public bool Added { get; set; }

    internal byte[] Key { get; init; } = [];

    public override string ToString() => $"{Host} {KeyType} {Fingerprint} {Status}";
}
