using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Project;

/// <summary>
/// A host that builds slugs over SSH, from <c>build:</c> in <c>.magento/topology.yaml</c> (an
/// environment's or its type's entry, else the file's top level). It keeps, under <see cref="Root"/>,
/// one folder per project: the slug store, the build caches and the build tools.
/// </summary>
/// <param name="Host">The build host, <c>user@host[:port]</c>.</param>
/// <param name="Root">The folder on the build host that holds every project's builds.</param>
/// <param name="Ssh">The key and known_hosts file on this machine that reach the build host.</param>
/// <param name="DeployIdentityFile">
/// A private key on the build host that the deploy hosts accept: the build host connects to them
/// to send slugs (null: ssh's default keys of the build host's user).
/// </param>
public sealed record BuildHostTopology(SshHost Host, string Root, SshSettings Ssh, string? DeployIdentityFile);
