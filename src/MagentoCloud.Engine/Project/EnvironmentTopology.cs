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
