namespace MagentoCloud.Engine.Transport;

/// <summary>What known_hosts says about a host's key.</summary>
public enum HostKeyMatch
{
    /// <summary>No entry for this host and key type.</summary>
    Unknown,
    /// <summary>An entry holds exactly this key.</summary>
    Known,
    /// <summary>Entries for this host and key type hold another key (or this key is @revoked).</summary>
    Changed,
}
