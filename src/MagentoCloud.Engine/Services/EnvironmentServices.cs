using System.Text;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Services;

/// <summary>
/// The servers behind an environment's relationships other than its database: the topology's (per
/// environment or type), or on the local default a private redis-server per active environment and a
/// vhost per active environment on the project's private RabbitMQ node.
/// Never an invented endpoint: a relationship without a server is reported with the topology lines
/// that would give it one.
/// </summary>
public sealed class EnvironmentServices(string projectRoot)
{
    /// <summary>ece-tools' cache and page-cache databases (0 holds sessions).</summary>
    public static readonly int[] CacheDatabases = [1, 2];

    private string LocalDirectory => Path.Combine(projectRoot, ".magento", "local");

    public LocalRedisServer LocalRedis(string environment) => new(LocalDirectory, environment);

    /// <summary>The project's RabbitMQ node on the local default (a vhost per active environment).</summary>
    public LocalRabbitMqServer LocalRabbitMq => new(LocalDirectory);

    /// <summary>
    /// The endpoints of <paramref name="files"/>' relationships for an environment (the database's
    /// excepted: it has its own place). With <paramref name="start"/>, the local default's servers are started.
    /// </summary>
    public async Task<ServiceResolution> ResolveAsync(string environment, ProjectFiles files, EnvironmentTopology topology, bool start,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        var endpoints = new List<ServiceEndpoint>();
        var missing = new List<MissingEndpoint>();
        foreach (var relationship in files.App.Relationships)
        {
            if (files.Service(relationship.Service) is not { } service) continue; // Test-CloudProject reports it
            var family = ServiceFamilies.Of(service);
            if (family == ServiceFamily.Database) continue;
            var type = service.Version is null ? service.Type : $"{service.Type}:{service.Version}";
            if (topology.Services.TryGetValue(service.Name, out var settings))
            {
                endpoints.Add(new ServiceEndpoint
                {
                    Relationship = relationship.Name, Service = service.Name, Family = family,
                    Type = settings.Type is { } t ? $"{t}:{settings.Version ?? service.Version}" : settings.Version is { } v ? $"{service.Type}:{v}" : type,
                    Host = settings.Host, Port = settings.Port ?? ServiceFamilies.DefaultPort(family), Scheme = settings.Scheme ?? ServiceFamilies.Scheme(family, service.Type),
                    Username = settings.Username, Password = settings.ReadPassword(),
                    IndexPrefix = family == ServiceFamily.Search ? settings.IndexPrefix : null,
                    Vhost = family == ServiceFamily.Queue ? settings.Vhost ?? "/" : null,
                    Rel = relationship.Endpoint ?? Rel(family, service.Type), Environment = environment,
                });
            }
            else if (topology.IsLocal && family == ServiceFamily.Redis && LocalRedisServer.IsInstalled)
            {
                var server = LocalRedis(environment);
                var (host, port, password) = start
                    ? await server.EnsureRunningAsync(observer, cancellationToken).ConfigureAwait(false)
                    : server.Known is { } known ? ("127.0.0.1", known.Port, known.Password) : ("127.0.0.1", 0, "");
                endpoints.Add(new ServiceEndpoint
                {
                    Relationship = relationship.Name, Service = service.Name, Family = family, Type = type,
                    Host = host, Port = port, Scheme = "redis", Password = password,
                    Rel = relationship.Endpoint ?? Rel(family, service.Type), Environment = environment,
                });
            }
            else if (topology.IsLocal && family == ServiceFamily.Queue && LocalRabbitMqServer.IsInstalled)
            {
                var node = LocalRabbitMq;
                var known = node.Known(environment);
                var (port, vhost, user, password) = start
                    ? await StartQueueAsync(node, environment, observer, cancellationToken).ConfigureAwait(false)
                    : (node.Port ?? 0, environment, known?.User, known?.Password);
                endpoints.Add(new ServiceEndpoint
                {
                    Relationship = relationship.Name, Service = service.Name, Family = family, Type = type,
                    Host = "127.0.0.1", Port = port, Scheme = "amqp", Username = user, Password = password, Vhost = vhost,
                    Rel = relationship.Endpoint ?? Rel(family, service.Type), Environment = environment,
                });
            }
            else
            {
                missing.Add(new MissingEndpoint(relationship.Name, service.Name, type, TopologyLines(environment, service)));
            }
        }
        return new ServiceResolution(endpoints, missing);
    }

    private static async Task<(int Port, string Vhost, string? User, string? Password)> StartQueueAsync(LocalRabbitMqServer node, string environment,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        var port = await node.EnsureRunningAsync(observer, cancellationToken).ConfigureAwait(false);
        var (vhost, user, password) = await node.EnsureVhostAsync(environment, cancellationToken).ConfigureAwait(false);
        return (port, vhost, user, password);
    }

    /// <summary>
    /// Refuses a deploy whose relationships lack a server on Production or Staging hosts (before anything
    /// changes); elsewhere each is a warning (returned, for the activity's log) and the relationship is left out.
    /// </summary>
    public static IReadOnlyList<string> RequireEndpoints(string environment, EnvironmentType type, EnvironmentTopology topology, ServiceResolution resolution,
        IOperationObserver observer)
    {
        if (resolution.Missing.Count == 0) return [];
        if (!topology.IsLocal && type is EnvironmentType.Production or EnvironmentType.Staging)
            throw new CloudException(CloudErrorId.ServiceEndpointMissing,
                string.Join("\n", resolution.Missing.Select(m => m.Describe(environment))) +
                $"\nNothing was changed on any host: a {type} environment does not go live without its services.", environment);
        var warnings = new List<string>();
        foreach (var m in resolution.Missing)
            warnings.Add(m.Describe(environment) + "\nThe relationship is left out of MAGENTO_CLOUD_RELATIONSHIPS until then." +
                (topology.IsLocal && ServiceFamilies.Of(m.Type.Split(':')[0]) is ServiceFamily.Search
                    ? " OpenSearch and Elasticsearch are not packaged by Debian, so the local default cannot start one."
                    : topology.IsLocal && ServiceFamilies.Of(m.Type.Split(':')[0]) is ServiceFamily.Redis
                        ? $" Or install {LocalRedisServer.Program} (apt-get install redis-server) and the local default starts one."
                        : topology.IsLocal && ServiceFamilies.Of(m.Type.Split(':')[0]) is ServiceFamily.Queue
                            ? $" Or install {LocalRabbitMqServer.Program} (apt-get install rabbitmq-server) and the local default starts a node with a vhost for each environment."
                            : ""));
        foreach (var warning in warnings) observer.Warning(warning);
        return warnings;
    }

    /// <summary>The lines of .magento/topology.yaml that point <paramref name="service"/> at a server for an environment.</summary>
    public static string TopologyLines(string environment, ServiceDefinition service)
    {
        var family = ServiceFamilies.Of(service);
        var lines = new StringBuilder()
            .AppendLine("environments:")
            .AppendLine($"  {environment}:")
            .AppendLine("    services:")
            .AppendLine($"      {service.Name}:")
            .AppendLine($"        host: {service.Name}.example.internal")
            .AppendLine($"        port: {ServiceFamilies.DefaultPort(family)}");
        switch (family)
        {
            case ServiceFamily.Redis:
                lines.AppendLine($"        password_file: ~/.magento-{environment}-{service.Name}   # a server of its own: ece-tools uses its databases 0-2");
                break;
            case ServiceFamily.Search:
                lines.AppendLine("        username: magento")
                    .AppendLine($"        password_file: ~/.magento-{environment}-{service.Name}")
                    .AppendLine($"        index_prefix: {environment}_");
                break;
            case ServiceFamily.Queue:
                lines.AppendLine("        username: magento")
                    .AppendLine($"        password_file: ~/.magento-{environment}-{service.Name}")
                    .AppendLine($"        vhost: {environment}");
                break;
        }
        return lines.ToString().TrimEnd();
    }

    /// <summary>
    /// Empties the cache and page-cache databases (1 and 2) of every Redis of an environment: after its
    /// database was replaced, a cache of the old data is wrong. Returns a note per server.
    /// </summary>
    public async Task<IReadOnlyList<string>> FlushCacheAsync(string environment, EnvironmentType type, IOperationObserver observer,
        CancellationToken cancellationToken)
    {
        var files = ProjectFiles.Load(projectRoot);
        var topology = files.TopologyFor(environment, type.ToString().ToLowerInvariant());
        var resolution = await ResolveAsync(environment, files, topology, start: false, observer, cancellationToken).ConfigureAwait(false);
        var notes = new List<string>();
        foreach (var endpoint in resolution.Endpoints.Where(e => e.Family == ServiceFamily.Redis).DistinctBy(e => e.Service))
        {
            if (topology.IsLocal && !topology.Services.ContainsKey(endpoint.Service))
            {
                notes.Add(await LocalRedis(environment).FlushAsync(CacheDatabases, cancellationToken).ConfigureAwait(false)
                    ? $"Emptied {environment}'s Redis cache databases 1 and 2 ({endpoint.Service})."
                    : $"{environment}'s local Redis ({endpoint.Service}) does not run: its cache is already empty.");
                continue;
            }
            await FlushRemoteAsync(endpoint, topology, CacheDatabases, cancellationToken).ConfigureAwait(false);
            notes.Add($"Emptied {environment}'s Redis cache databases 1 and 2 ({endpoint.Service} at {endpoint.Host}:{endpoint.Port}).");
        }
        foreach (var note in notes) observer.Log(note);
        return notes;
    }

    /// <summary>A topology's Redis is reached from the environment's first host (through an SSH tunnel), or directly without hosts.</summary>
    private static async Task FlushRemoteAsync(ServiceEndpoint endpoint, EnvironmentTopology topology, IReadOnlyList<int> databases,
        CancellationToken cancellationToken)
    {
        await using var tunnel = await ServiceTunnel.OpenAsync(endpoint.Host, endpoint.Port, topology, cancellationToken).ConfigureAwait(false);
        await using var connection = await RedisConnection.OpenAsync(tunnel.Host, tunnel.Port, endpoint.Password, cancellationToken).ConfigureAwait(false);
        foreach (var database in databases)
        {
            await connection.CommandAsync(cancellationToken, "SELECT", database.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
            await connection.CommandAsync(cancellationToken, "FLUSHDB").ConfigureAwait(false);
        }
    }

    /// <summary>The Redis databases ece-tools uses: sessions, cache and page cache.</summary>
    public static readonly int[] MagentoDatabases = [0, 1, 2];

    /// <summary>
    /// Frees what an environment holds on its servers, as it becomes inactive or is deleted: the local default's Redis
    /// server, vhost and their data; on the topology's servers, its Redis (databases 0, 1 and 2 emptied), its search
    /// indices (those of its index prefix) and its RabbitMQ vhost (through the management API). What
    /// <paramref name="otherEnvironments"/> share (the same server and vhost, prefix or Redis) and RabbitMQ's default
    /// vhost are left, as is a server that can't be reached or refuses: each with a warning saying how to free it.
    /// Returns a note per server.
    /// </summary>
    public async Task<IReadOnlyList<string>> FreeAsync(string environment, EnvironmentType type,
        IReadOnlyCollection<(string Name, EnvironmentType Type)> otherEnvironments, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        if (await LocalRedis(environment).RemoveAsync(cancellationToken).ConfigureAwait(false))
            notes.Add($"Stopped {environment}'s local Redis server and deleted its data.");
        if (LocalRabbitMqServer.IsInstalled && await LocalRabbitMq.RemoveVhostAsync(environment, observer, cancellationToken).ConfigureAwait(false))
            notes.Add($"Deleted {environment}'s vhost and user on the local RabbitMQ node (its queues and messages).");
        foreach (var note in notes) observer.Log(note);
        ServiceResolution resolution;
        EnvironmentTopology topology;
        ProjectFiles files;
        try
        {
            files = ProjectFiles.Load(projectRoot);
            topology = files.TopologyFor(environment, type.ToString().ToLowerInvariant());
            if (topology.Services.Count == 0) return notes;
            resolution = await ResolveAsync(environment, files, topology, start: false, observer, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudException e)
        {
            Warn($"The servers the topology gives {environment} were not freed: {e.Message}");
            return notes;
        }
        foreach (var endpoint in resolution.Endpoints.Where(e => topology.Services.ContainsKey(e.Service)).DistinctBy(e => e.Service))
        {
            var settings = topology.Services[endpoint.Service];
            var at = $"{endpoint.Service} at {endpoint.Host}:{endpoint.Port}";
            // The same service's settings of the other environments on this very server.
            var neighbours = otherEnvironments
                .Select(o => (o.Name, Settings: files.TopologyFor(o.Name, o.Type.ToString().ToLowerInvariant()).Services.GetValueOrDefault(endpoint.Service)))
                .Where(o => o.Settings is { } s && s.Host.Equals(endpoint.Host, StringComparison.OrdinalIgnoreCase) && (s.Port ?? endpoint.Port) == endpoint.Port)
                .Select(o => (o.Name, Settings: o.Settings!)).ToList();
            try
            {
                switch (endpoint.Family)
                {
                    case ServiceFamily.Redis:
                        if (neighbours.FirstOrDefault() is { Name: { } sharer })
                        {
                            Warn($"{environment}'s Redis data ({at}) was left: {sharer} uses the same server, and emptying it would take {sharer}'s sessions and cache.");
                            break;
                        }
                        await FlushRemoteAsync(endpoint, topology, MagentoDatabases, cancellationToken).ConfigureAwait(false);
                        Note($"Emptied {environment}'s Redis databases 0, 1 and 2 (sessions, cache, page cache; {at}).");
                        break;
                    case ServiceFamily.Search when endpoint.IndexPrefix is { Length: > 0 } prefix:
                        if (neighbours.FirstOrDefault(n => n.Settings.IndexPrefix == prefix) is { Name: { } prefixSharer })
                        {
                            Warn($"{environment}'s search indices ({at}, prefix '{prefix}') were left: {prefixSharer} uses the same prefix.");
                            break;
                        }
                        var deleted = await AdministerAsync(endpoint.Port, endpoint.Scheme, client =>
                            SearchIndices.DeleteAsync(client, prefix, neighbours.Select(n => n.Settings.IndexPrefix).OfType<string>(), cancellationToken)).ConfigureAwait(false);
                        Note(deleted.Count == 0
                            ? $"{environment} had no search indices ({at}, prefix '{prefix}')."
                            : $"Deleted {environment}'s search indices ({at}): {string.Join(", ", deleted)}.");
                        break;
                    case ServiceFamily.Search:
                        Warn($"{environment}'s search indices ({at}) were left: the topology gives it no index_prefix, so they can't be told from other indices there.");
                        break;
                    case ServiceFamily.Queue when endpoint.Vhost is null or "/":
                        Warn($"{environment}'s queues on RabbitMQ's default vhost '/' ({at}) were left: that vhost is the server's own. " +
                             "Give each environment a vhost of its own (vhost: \"{environment}\" in .magento/topology.yaml).");
                        break;
                    case ServiceFamily.Queue:
                        var vhost = endpoint.Vhost;
                        if (neighbours.FirstOrDefault(n => (n.Settings.Vhost ?? "/") == vhost) is { Name: { } vhostSharer })
                        {
                            Warn($"{environment}'s RabbitMQ vhost '{vhost}' ({at}) was left: {vhostSharer} uses it too.");
                            break;
                        }
                        var management = settings.ManagementPort ?? RabbitMqVhosts.DefaultManagementPort;
                        var existed = await AdministerAsync(management, "http", client => RabbitMqVhosts.DeleteAsync(client, vhost, cancellationToken)).ConfigureAwait(false);
                        Note(existed
                            ? $"Deleted {environment}'s RabbitMQ vhost '{vhost}' with its queues and messages ({at})."
                            : $"{environment}'s RabbitMQ vhost '{vhost}' was already gone ({at}).");
                        break;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                Warn(endpoint.Family switch
                {
                    ServiceFamily.Redis => $"{environment}'s Redis data ({at}) was left: {e.Message} Empty databases 0, 1 and 2 by hand (redis-cli -h {endpoint.Host} -p {endpoint.Port} -n N FLUSHDB).",
                    ServiceFamily.Search => $"{environment}'s search indices ({at}, prefix '{endpoint.IndexPrefix}') were left: {e.Message} " +
                                            $"Delete them there (DELETE {endpoint.Scheme}://{endpoint.Host}:{endpoint.Port}/{endpoint.IndexPrefix}_*).",
                    _ => $"{environment}'s RabbitMQ vhost '{endpoint.Vhost}' ({at}) was left: {e.Message} Delete it there (rabbitmqctl delete_vhost {endpoint.Vhost}).",
                });
            }

            async Task<T> AdministerAsync<T>(int port, string scheme, Func<ServiceAdminClient, Task<T>> act)
            {
                var (user, password) = settings.ReadAdmin();
                await using var tunnel = await ServiceTunnel.OpenAsync(endpoint.Host, port, topology, cancellationToken).ConfigureAwait(false);
                using var client = new ServiceAdminClient(scheme, tunnel.Host, tunnel.Port, user, password, $"{endpoint.Service}'s server {endpoint.Host}:{port}");
                return await act(client).ConfigureAwait(false);
            }
        }
        return notes;

        void Note(string message)
        {
            notes.Add(message);
            observer.Log(message);
        }

        void Warn(string message)
        {
            notes.Add("WARNING: " + message);
            observer.Warning(message);
        }
    }

    /// <summary>Starts the local default's servers of an active environment (its Redis); the endpoints it started.</summary>
    public async Task<IReadOnlyList<ServiceEndpoint>> StartLocalAsync(string environment, EnvironmentType type, IOperationObserver observer,
        CancellationToken cancellationToken)
    {
        var files = ProjectFiles.Load(projectRoot);
        var topology = files.TopologyFor(environment, type.ToString().ToLowerInvariant());
        if (!topology.IsLocal) return [];
        var resolution = await ResolveAsync(environment, files, topology, start: true, observer, cancellationToken).ConfigureAwait(false);
        return resolution.Endpoints.Where(e => !topology.Services.ContainsKey(e.Service)).ToList();
    }

    /// <summary>Stops the local default's servers of an environment; their configuration stays.</summary>
    public Task<bool> StopLocalAsync(string environment, CancellationToken cancellationToken) => LocalRedis(environment).StopAsync(cancellationToken);

    /// <summary>The relationships of an environment with their servers and states (Get-CloudService); never a password.</summary>
    public IReadOnlyList<CloudService> List(CloudEnvironment environment)
    {
        var files = ProjectFiles.Load(projectRoot);
        var topology = files.TopologyFor(environment.Name, environment.Type.ToString().ToLowerInvariant());
        var active = environment.Status != EnvironmentStatus.Inactive;
        var result = new List<CloudService>();
        foreach (var relationship in files.App.Relationships)
        {
            if (files.Service(relationship.Service) is not { } service) continue;
            var family = ServiceFamilies.Of(service);
            CloudService Row(string? endpoint, ServiceState state, string? host, string? note = null) => new()
            {
                Environment = environment.Name, Relationship = relationship.Name, Name = service.Name, Type = service.Type,
                Version = service.Version, Endpoint = endpoint, State = state, Host = host, Note = note,
            };
            if (family == ServiceFamily.Database)
            {
                result.Add(topology.Database is { } db
                    ? Row($"mysql://{db.Host}:{db.Port}/{db.Name}", ServiceState.External, db.Host)
                    : topology.IsLocal
                        ? Row($"mysql://127.0.0.1/{Data.EnvironmentDatabase.LocalDatabaseName(environment.Name)}",
                            new Data.LocalDatabaseServer(LocalDirectory).IsServerRunning ? ServiceState.Running : ServiceState.Stopped, Workspace.LocalHostName)
                        : Row(null, ServiceState.NoEndpoint, null, "Add a 'database:' entry to the environment's topology."));
                continue;
            }
            if (topology.Services.TryGetValue(service.Name, out var settings))
            {
                var port = settings.Port ?? ServiceFamilies.DefaultPort(family);
                result.Add(Row($"{settings.Scheme ?? ServiceFamilies.Scheme(family, service.Type)}://{settings.Host}:{port}" +
                    (settings.Vhost is { } vhost && family == ServiceFamily.Queue ? $" vhost {vhost}" : "") +
                    (settings.IndexPrefix is { } prefix && family == ServiceFamily.Search ? $" index prefix {prefix}" : ""),
                    ServiceState.External, settings.Host));
            }
            else if (topology.IsLocal && family == ServiceFamily.Redis && LocalRedisServer.IsInstalled)
            {
                var server = LocalRedis(environment.Name);
                var running = active && server.IsRunning;
                result.Add(Row(running && server.Known is { } known ? $"redis://127.0.0.1:{known.Port}" : null,
                    running ? ServiceState.Running : ServiceState.Stopped, Workspace.LocalHostName,
                    running ? null : active ? "Started by the environment's next deploy." : "The environment is inactive: it holds no services."));
            }
            else if (topology.IsLocal && family == ServiceFamily.Queue && LocalRabbitMqServer.IsInstalled)
            {
                var node = LocalRabbitMq;
                var running = active && node.IsRunning && node.Known(environment.Name) is not null;
                result.Add(Row(running ? $"amqp://127.0.0.1:{node.Port} vhost {environment.Name}" : null,
                    running ? ServiceState.Running : ServiceState.Stopped, Workspace.LocalHostName,
                    running ? null : active ? "Started by the environment's next deploy." : "The environment is inactive: it holds no services."));
            }
            else
            {
                result.Add(Row(null, ServiceState.NoEndpoint, null,
                    "Point it at a server in .magento/topology.yaml:\n" + TopologyLines(environment.Name, service)));
            }
        }
        return result;
    }

    private static string Rel(ServiceFamily family, string type) => family switch
    {
        ServiceFamily.Redis => "redis",
        ServiceFamily.Search => type == "elasticsearch" ? "elasticsearch" : "opensearch",
        ServiceFamily.Queue => "rabbitmq",
        _ => type,
    };
}
