using MagentoCloud.Engine.Transport;
namespace MagentoCloud.Engine.Project;

/// <summary>
/// Where one environment runs, with <c>{environment}</c> already expanded. <see cref="IsLocal"/>
/// means the local default: everything under the project's <c>.magento/local/</c>.
/// </summary>
public sealed record EnvironmentTopology(
    bool IsLocal,
    IReadOnlyList<SshHost> Hosts,
    string? Root,
    DatabaseSettings? Database,
    Uri? Url,
    SshSettings Ssh)
{
    /// <summary>The index in <see cref="Hosts"/> of <c>cron_host</c>, the host that runs the crons (0 when not given).</summary>
    public int CronHostIndex { get; init; }

    /// <summary>
    /// Where the mounts on storage every host shares live (<c>shared.path</c>: NFS, GlusterFS, named by the user; the
    /// engine proves it is shared before it links to it); null: every mount is per host, under each root's <c>shared/</c>.
    /// </summary>
    public string? SharedPath { get; init; }

    /// <summary>The mounts (their paths in the application) on <see cref="SharedPath"/>; null: all of them.</summary>
    public IReadOnlyList<string>? SharedMounts { get; init; }

    /// <summary>True when the mount at <paramref name="mountPath"/> lives on the shared storage.</summary>
    public bool IsShared(string mountPath) =>
        SharedPath is not null && (SharedMounts is null || SharedMounts.Any(m => m.Trim('/') == mountPath.Trim('/')));

    /// <summary><see cref="SharedPath"/> on <paramref name="host"/> (<c>{host}</c> expanded, as in the root).</summary>
    public string? SharedPathFor(SshHost host) => SharedPath?.Replace("{host}", host.HostName, StringComparison.Ordinal);

    /// <summary>The topology's servers for services of <c>.magento/services.yaml</c>, by service name.</summary>
    public IReadOnlyDictionary<string, ServiceEndpointSettings> Services { get; init; } = new Dictionary<string, ServiceEndpointSettings>();

    public static readonly EnvironmentTopology Local = new(true, [], null, null, null, new SshSettings(null, null));

    /// <summary>What a deploy's health check requests on each host after the switch.</summary>
    public HealthCheckSettings HealthCheck { get; init; } = HealthCheckSettings.Default;

    /// <summary><c>rollback_on_failure</c>: a failed health check switches every host back to the previous release.</summary>
    public bool RollbackOnFailure { get; init; }

    /// <summary>The environment's root on <paramref name="host"/>: <see cref="Root"/> with <c>{host}</c> as the host's address.</summary>
    public string? RootFor(SshHost host) => Root?.Replace("{host}", host.HostName, StringComparison.Ordinal);
}
