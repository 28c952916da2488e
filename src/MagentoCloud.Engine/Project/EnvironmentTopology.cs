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

    public static readonly EnvironmentTopology Local = new(true, [], null, null, null, new SshSettings(null, null));

    /// <summary>The environment's root on <paramref name="host"/>: <see cref="Root"/> with <c>{host}</c> as the host's address.</summary>
    public string? RootFor(SshHost host) => Root?.Replace("{host}", host.HostName, StringComparison.Ordinal);
}
