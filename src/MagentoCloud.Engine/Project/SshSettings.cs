namespace MagentoCloud.Engine.Project;

/// <summary>How to reach an environment's hosts: the private key and the known_hosts file (paths, may start with ~/).</summary>
public sealed record SshSettings(string? IdentityFile, string? KnownHostsFile);
