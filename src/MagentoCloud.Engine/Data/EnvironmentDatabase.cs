using System.Security.Cryptography;
using System.Text;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// An environment's database, opened for work from this machine: <see cref="Endpoint"/> is where a
/// client here connects (the local default's private server, the topology's server directly, or an
/// SSH tunnel through the environment's first host), <see cref="HostEndpoint"/> is how the
/// environment's own hosts reach it (what MAGENTO_CLOUD_RELATIONSHIPS gives the application).
/// Dispose closes the tunnel, if any.
/// </summary>
public sealed class EnvironmentDatabase : IAsyncDisposable
{
    private readonly IAsyncDisposable? _tunnel;

    private EnvironmentDatabase(string environment, DatabaseEndpoint endpoint, DatabaseEndpoint hostEndpoint, bool isLocal, IAsyncDisposable? tunnel,
        DatabaseClient client)
    {
        Client = client;
        Environment = environment;
        Endpoint = endpoint;
        HostEndpoint = hostEndpoint;
        IsLocal = isLocal;
        _tunnel = tunnel;
    }

    public string Environment { get; }

    /// <summary>Where a client on this machine connects.</summary>
    public DatabaseEndpoint Endpoint { get; }

    /// <summary>Where the environment's hosts connect.</summary>
    public DatabaseEndpoint HostEndpoint { get; }

    /// <summary>The command-line clients (dump, import) on the host that reaches the database: this machine or the environment's first host.</summary>
    public DatabaseClient Client { get; }

    /// <summary>True on the local default: the project's private MariaDB server.</summary>
    public bool IsLocal { get; }

    /// <summary>
    /// The local default keeps every environment's database on one private server, one database each.
    /// Names keep to [a-z0-9_]; a name that had to change gets a short hash, so "a-b" and "a_b" differ.
    /// </summary>
    public static string LocalDatabaseName(string environment)
    {
        var safe = new string(environment.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
        var name = "env_" + safe;
        if (safe != environment || name.Length > 48)
        {
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(environment)))[..8].ToLowerInvariant();
            name = name[..Math.Min(name.Length, 48)] + "_" + hash;
        }
        return name;
    }

    /// <summary>Opens an active environment's database, starting the local server when it is the local default.</summary>
    public static async Task<EnvironmentDatabase> OpenAsync(Workspace workspace, string environment, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var env = workspace.Environments.Get(environment);
        if (env.Status == EnvironmentStatus.Inactive)
            throw new CloudException(CloudErrorId.EnvironmentInactive,
                $"Environment '{env.Name}' is inactive, so it has no database. Activate it with Enable-CloudEnvironment first.", env.Name);
        var topology = workspace.TopologyFor(env.Name, env.Type);
        if (topology.Database is not { } settings)
        {
            if (!topology.IsLocal)
                throw new CloudException(CloudErrorId.DatabaseUnavailable,
                    $"Environment '{env.Name}' runs on {string.Join(", ", topology.Hosts)}, but .magento/topology.yaml gives it no database. " +
                    "Add a 'database:' entry (host, port, name, user, password_env) to its topology.", env.Name);
            var server = await new LocalDatabaseServer(workspace.LocalDirectory)
                .EnsureRunningAsync(LocalDatabaseName(env.Name), observer, cancellationToken).ConfigureAwait(false);
            await LocalDatabaseServer.CreateDatabaseAsync(server, cancellationToken).ConfigureAwait(false);
            // The engine works as the administrative account; the environment's code gets its own, on its database only.
            var account = await LocalDatabaseServer.EnsureEnvironmentAccountAsync(server, cancellationToken).ConfigureAwait(false);
            return new EnvironmentDatabase(env.Name, server, account with { Socket = null }, isLocal: true, tunnel: null,
                new DatabaseClient(new Transport.LocalTransport(), server));
        }

        var hostEndpoint = new DatabaseEndpoint
        {
            Host = settings.Host,
            Port = settings.Port,
            Database = settings.Name,
            User = settings.User,
            Password = settings.ReadPassword() ?? "",
        };
        if (topology.Hosts.Count == 0)
            return new EnvironmentDatabase(env.Name, hostEndpoint, hostEndpoint, isLocal: false, tunnel: null,
                new DatabaseClient(new Transport.LocalTransport(), hostEndpoint));

        var host = topology.Hosts[0];
        observer.Log($"Reaching {env.Name}'s database {hostEndpoint} through an SSH tunnel via {host}");
        var transport = Transport.HostConnections.Connect(host, topology.Ssh);
        var tunnel = await transport.ForwardLocalPortAsync(hostEndpoint.Host, hostEndpoint.Port, cancellationToken).ConfigureAwait(false);
        var local = hostEndpoint with { Host = "127.0.0.1", Port = tunnel.LocalPort, Socket = null };
        return new EnvironmentDatabase(env.Name, local, hostEndpoint, isLocal: false, tunnel, new DatabaseClient(transport, hostEndpoint));
    }

    public ValueTask DisposeAsync() => _tunnel?.DisposeAsync() ?? ValueTask.CompletedTask;
}
