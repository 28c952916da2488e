using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Deploy;

/// <summary>
/// The storage an environment's hosts share for its mounts (the topology's <c>shared</c>): the folder each host
/// sees it at, and which mounts live there (the others stay per host, under each root's <c>shared/</c>).
/// </summary>
public sealed class SharedStorage(IReadOnlyDictionary<DeployHost, string> paths, EnvironmentTopology topology)
{
    /// <summary>The folder of the shared storage as each host sees it.</summary>
    public IReadOnlyDictionary<DeployHost, string> Paths { get; } = paths;

    public bool IsShared(string mountPath) => topology.IsShared(mountPath);

    /// <summary>The storage of <paramref name="topology"/> for <paramref name="hosts"/> (made from its hosts, in order); null when it names none.</summary>
    public static SharedStorage? For(EnvironmentTopology topology, IReadOnlyList<DeployHost> hosts)
    {
        if (topology.SharedPath is null || topology.IsLocal) return null;
        var paths = new Dictionary<DeployHost, string>();
        for (var i = 0; i < hosts.Count && i < topology.Hosts.Count; i++) paths[hosts[i]] = topology.SharedPathFor(topology.Hosts[i])!.TrimEnd('/');
        return new SharedStorage(paths, topology);
    }
}
