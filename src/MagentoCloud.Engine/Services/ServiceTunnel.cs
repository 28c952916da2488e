using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Services;

/// <summary>
/// A topology's server as this machine reaches it: through an SSH tunnel via the environment's first host
/// (the server may listen only to the hosts' network), or directly when the environment has no hosts.
/// </summary>
public sealed class ServiceTunnel : IAsyncDisposable
{
    private readonly PortForward? _forward;

    private ServiceTunnel(string host, int port, PortForward? forward) => (Host, Port, _forward) = (host, port, forward);

    public string Host { get; }

    public int Port { get; }

    public static async Task<ServiceTunnel> OpenAsync(string host, int port, EnvironmentTopology topology, CancellationToken cancellationToken)
    {
        if (topology.Hosts.Count == 0) return new ServiceTunnel(host, port, null);
        var transport = HostConnections.Connect(topology.Hosts[0], topology.Ssh);
        var forward = await transport.ForwardLocalPortAsync(host, port, cancellationToken).ConfigureAwait(false);
        return new ServiceTunnel("127.0.0.1", forward.LocalPort, forward);
    }

    public ValueTask DisposeAsync() => _forward?.DisposeAsync() ?? ValueTask.CompletedTask;
}
