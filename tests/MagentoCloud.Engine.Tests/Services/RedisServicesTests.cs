using MagentoCloud.Engine.Tests.Infrastructure;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Services;
using MagentoCloud.Engine.Tests.Project;
using MySqlConnector;

namespace MagentoCloud.Engine.Tests.Services;

/// <summary>
/// A project whose application has a Redis relationship, on the local default: each active environment
/// gets a redis-server of its own, started by its deploy; the deploy hook decodes
/// MAGENTO_CLOUD_RELATIONSHIPS and talks to it with redis-cli.
/// </summary>
public sealed class RedisServicesTests : LocalShopTest
{
    /// <summary>
    /// Reads the redis relationship's host, port and password out of the decoded JSON with sed (no jq on a
    /// bare host), keeps the first writer of key "owner" in database 1, and prints what database 1 holds.
    /// </summary>
    private const string DeployHook = """
            deploy: |
                set -e
                json=$(printf '%s' "$MAGENTO_CLOUD_RELATIONSHIPS" | base64 -d)
                redis=$(printf '%s' "$json" | sed -e 's/.*"redis":\[{//' -e 's/}\].*//')
                host=$(printf '%s' "$redis" | sed -e 's/.*"host":"\([^"]*\)".*/\1/')
                port=$(printf '%s' "$redis" | sed -e 's/.*"port":\([0-9]*\).*/\1/')
                export REDISCLI_AUTH=$(printf '%s' "$redis" | sed -e 's/.*"password":"\([^"]*\)".*/\1/')
                echo "redis-type=$(printf '%s' "$redis" | sed -e 's/.*"type":"\([^"]*\)".*/\1/')"
                redis-cli -h "$host" -p "$port" -n 1 SET owner "$MAGENTO_CLOUD_ENVIRONMENT" NX >/dev/null
                echo "db1-owner=$(redis-cli -h "$host" -p "$port" -n 1 GET owner)"
        """;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Assert.True(LocalRedisServer.IsInstalled, "redis-server is not installed (tests/infra/start.sh installs it)");
        var app = AddService("redis:\n    type: redis:7.2\n", "redis: \"redis:redis\"", DeployHook);
        Assert.Contains("redis: \"redis:redis\"", app);
        Assert.Contains("db1-owner", app);
    }

    public override async Task DisposeAsync()
    {
        foreach (var environment in new[] { "master", "feature" })
            await new EnvironmentServices(Folder).FreeAsync(environment, EnvironmentType.Development, [], SilentObserver.Instance, CancellationToken.None);
        await base.DisposeAsync();
    }

    private async Task<CloudActivity> DeployAsync(string environment)
    {
        var activity = await Workspace.Deployments.DeployAsync(environment, null, SilentObserver.Instance, CancellationToken.None);
        Assert.True(activity.Result == ActivityResult.Success, activity.Log);
        return activity;
    }

    private async Task<RedisConnection> ConnectAsync(string environment)
    {
        var known = new EnvironmentServices(Folder).LocalRedis(environment).Known ?? throw new InvalidOperationException("no redis for " + environment);
        return await RedisConnection.OpenAsync("127.0.0.1", known.Port, known.Password, CancellationToken.None);
    }

    [Fact]
    public async Task Deploy_hook_reaches_its_own_redis_and_two_environments_never_see_each_others_keys()
    {
        var master = await DeployAsync("master");
        Assert.Contains("db1-owner=master", master.Log);
        Assert.Contains("redis-type=redis:7.2", master.Log);

        await Workspace.Environments.BranchAsync("feature");
        var feature = await DeployAsync("feature");
        // The same hook on the child finds its database 1 empty: it is a server of its own.
        Assert.Contains("db1-owner=feature", feature.Log);
        Assert.DoesNotContain("db1-owner=master", feature.Log);

        var services = new EnvironmentServices(Folder);
        Assert.NotEqual(services.LocalRedis("master").Known!.Value.Port, services.LocalRedis("feature").Known!.Value.Port);
        await using (var connection = await ConnectAsync("master"))
        {
            await connection.CommandAsync(CancellationToken.None, "SELECT", "1");
            Assert.Equal("master", await connection.CommandAsync(CancellationToken.None, "GET", "owner"));
        }
        // The password never reaches the shared history: the relationships are masked whole.
        Assert.DoesNotContain(services.LocalRedis("master").Known!.Value.Password, master.Log);

        var listed = services.List(Workspace.Environments.Get("feature"));
        var redis = Assert.Single(listed, s => s.Relationship == "redis");
        Assert.Equal(ServiceState.Running, redis.State);
        Assert.Equal($"redis://127.0.0.1:{services.LocalRedis("feature").Known!.Value.Port}", redis.Endpoint);
    }

    [Fact]
    public async Task The_local_runtime_stops_and_starts_each_environments_redis_on_the_port_its_release_names()
    {
        await DeployAsync("master");
        var server = new EnvironmentServices(Folder).LocalRedis("master");
        var port = server.Known!.Value.Port;

        var stopped = await Workspace.LocalRuntime.StopAsync(SilentObserver.Instance, CancellationToken.None);
        Assert.Contains(stopped, s => s.Service == "Redis" && s.Environment == "master" && !s.Running);
        Assert.False(server.IsRunning);

        var started = await Workspace.LocalRuntime.StartAsync(SilentObserver.Instance, CancellationToken.None);
        Assert.Contains(started, s => s.Service == "Redis" && s.Environment == "master" && s.Running && s.Url == $"127.0.0.1:{port}");
        Assert.True(server.IsRunning);
        // The live release's relationships still name this port: its hook's key can be written again.
        var results = await Workspace.Deployments.InvokeCommandAsync("master",
            "REDISCLI_AUTH=$(printf '%s' \"$MAGENTO_CLOUD_RELATIONSHIPS\" | base64 -d | sed -e 's/.*\"password\":\"\\([^\"]*\\)\".*/\\1/') " +
            $"redis-cli -h 127.0.0.1 -p {port} -n 1 PING", false, SilentObserver.Instance, CancellationToken.None);
        Assert.Equal("PONG\n", Assert.Single(results).Output);
    }

    [Fact]
    public async Task Deactivating_an_environment_stops_its_redis_and_deletes_its_data()
    {
        await DeployAsync("master");
        await Workspace.Environments.BranchAsync("feature");
        await DeployAsync("feature");
        var server = new EnvironmentServices(Folder).LocalRedis("feature");
        Assert.True(server.IsRunning);

        await Workspace.Environments.DeactivateAsync("feature");
        Assert.False(server.IsRunning);
        Assert.Null(server.Known);
        Assert.Equal(ServiceState.Stopped, Assert.Single(new EnvironmentServices(Folder).List(Workspace.Environments.Get("feature")),
            s => s.Relationship == "redis").State);
        Assert.True(new EnvironmentServices(Folder).LocalRedis("master").IsRunning, "master's server is not the feature's to stop");
    }

    [Fact]
    public async Task Copying_a_database_into_an_environment_empties_its_cache_databases_and_keeps_sessions()
    {
        await DeployAsync("master");
        await using (var database = await Workspace.OpenDatabaseAsync("master", SilentObserver.Instance, CancellationToken.None))
        await using (var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(database.Endpoint)))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE core_config_data (config_id INT PRIMARY KEY, scope VARCHAR(8) NOT NULL DEFAULT 'default', scope_id INT NOT NULL DEFAULT 0, " +
                "path VARCHAR(255), value TEXT); INSERT INTO core_config_data (config_id, path, value) VALUES (1, 'web/x', 'y')";
            await command.ExecuteNonQueryAsync();
        }
        await Workspace.Environments.BranchAsync("feature");
        await DeployAsync("feature");
        await using (var connection = await ConnectAsync("feature"))
            foreach (var db in new[] { "0", "1", "2" })
            {
                await connection.CommandAsync(CancellationToken.None, "SELECT", db);
                await connection.CommandAsync(CancellationToken.None, "SET", "old", "stale-" + db);
            }

        var copy = await new DatabaseCopyService(Workspace).CopyAsync("master", "feature", new DatabaseCopyOptions { NoSnapshot = true },
            SilentObserver.Instance, CancellationToken.None);
        Assert.Equal(DatabaseCopyStatus.Successful, copy.Status);
        Assert.Contains(copy.Notes, n => n.Contains("Emptied feature's Redis cache databases 1 and 2", StringComparison.Ordinal));
        await using (var connection = await ConnectAsync("feature"))
        {
            await connection.CommandAsync(CancellationToken.None, "SELECT", "0");
            Assert.Equal("stale-0", await connection.CommandAsync(CancellationToken.None, "GET", "old"));
            foreach (var db in new[] { "1", "2" })
            {
                await connection.CommandAsync(CancellationToken.None, "SELECT", db);
                Assert.Equal("0", await connection.CommandAsync(CancellationToken.None, "DBSIZE"));
            }
        }
        // The source's cache is not touched.
        await using (var connection = await ConnectAsync("master"))
        {
            await connection.CommandAsync(CancellationToken.None, "SELECT", "1");
            Assert.Equal("master", await connection.CommandAsync(CancellationToken.None, "GET", "owner"));
        }

        // -KeepCache keeps them.
        await using (var connection = await ConnectAsync("feature"))
        {
            await connection.CommandAsync(CancellationToken.None, "SELECT", "1");
            await connection.CommandAsync(CancellationToken.None, "SET", "kept", "yes");
        }
        await new DatabaseCopyService(Workspace).CopyAsync("master", "feature", new DatabaseCopyOptions { NoSnapshot = true, KeepCache = true },
            SilentObserver.Instance, CancellationToken.None);
        await using (var connection = await ConnectAsync("feature"))
        {
            await connection.CommandAsync(CancellationToken.None, "SELECT", "1");
            Assert.Equal("yes", await connection.CommandAsync(CancellationToken.None, "GET", "kept"));
        }

        // Restoring a snapshot replaces the database too: the cache goes with it.
        var snapshot = await new SnapshotService(Workspace).CreateAsync("feature", SilentObserver.Instance, CancellationToken.None);
        await new SnapshotService(Workspace).RestoreAsync("feature", snapshot.Id, SilentObserver.Instance, CancellationToken.None);
        await using (var connection = await ConnectAsync("feature"))
        {
            await connection.CommandAsync(CancellationToken.None, "SELECT", "1");
            Assert.Null(await connection.CommandAsync(CancellationToken.None, "GET", "kept"));
        }
    }

    [Fact]
    public async Task A_production_relationship_without_a_server_fails_the_deploy_before_any_host_is_reached()
    {
        File.AppendAllText(Path.Combine(Folder, ".magento", "services.yaml"), "opensearch:\n    type: opensearch:2\n");
        CommitAndPush(".magento/services.yaml", File.ReadAllText(Path.Combine(Folder, ".magento", "services.yaml")));
        var app = File.ReadAllText(Path.Combine(Folder, ".magento.app.yaml"))
            .Replace("    redis: \"redis:redis\"\n", "    redis: \"redis:redis\"\n    opensearch: \"opensearch:opensearch\"\n");
        CommitAndPush(".magento.app.yaml", app);
        // Production on a host that nothing listens on: reaching it would fail with another error.
        File.WriteAllText(Path.Combine(Folder, ".magento", "topology.yaml"), """
            environments:
                production:
                    hosts: ["deploy@127.0.0.1:9"]
                    root: /srv/{environment}
                    database: {host: 127.0.0.1, name: main, user: main}
                    services:
                        redis: {host: 10.0.0.5, port: 6379}
            """);
        var e = await Assert.ThrowsAsync<CloudException>(() =>
            Workspace.Deployments.DeployAsync("production", Workspace.State.Remote.GetBranchHead("master"), SilentObserver.Instance, CancellationToken.None));
        Assert.Equal(CloudErrorId.ServiceEndpointMissing, e.Id);
        Assert.Contains("Relationship 'opensearch' (opensearch:2) has no server for production", e.Message);
        Assert.Contains("      opensearch:\n        host: opensearch.example.internal\n        port: 9200", e.Message);
        Assert.Contains("index_prefix: production_", e.Message);
        Assert.Contains("Nothing was changed on any host", e.Message);
        Assert.Null(Workspace.Environments.Get("production").DeployedCommit);
    }

    [Fact]
    public async Task On_the_local_default_an_opensearch_relationship_is_a_warning_with_the_topology_lines_and_no_endpoint()
    {
        File.AppendAllText(Path.Combine(Folder, ".magento", "services.yaml"), "opensearch:\n    type: opensearch:2\n");
        CommitAndPush(".magento/services.yaml", File.ReadAllText(Path.Combine(Folder, ".magento", "services.yaml")));
        var app = File.ReadAllText(Path.Combine(Folder, ".magento.app.yaml"))
            .Replace("    redis: \"redis:redis\"\n", "    redis: \"redis:redis\"\n    opensearch: \"opensearch:opensearch\"\n")
            .Replace("echo \"redis-type=", "echo \"has-opensearch=$(printf '%s' \"$json\" | grep -c '\"opensearch\"' || true)\"\n        echo \"redis-type=");
        CommitAndPush(".magento.app.yaml", app);
        var observer = new WarningRecorder();
        var activity = await Workspace.Deployments.DeployAsync("master", null, observer, CancellationToken.None);
        Assert.True(activity.Result == ActivityResult.Success, activity.Log);
        Assert.Contains("has-opensearch=0", activity.Log);
        var warning = Assert.Single(observer.Warnings, w => w.Contains("'opensearch'", StringComparison.Ordinal));
        Assert.Contains("  master:\n    services:\n      opensearch:", warning);
        Assert.Contains("not packaged by Debian", warning);
        // The activity keeps it too: Get-CloudActivity shows why search is missing.
        Assert.Contains("Relationship 'opensearch' (opensearch:2) has no server for master", activity.Log);
    }

}
