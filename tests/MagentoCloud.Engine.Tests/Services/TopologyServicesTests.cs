using System.Text.Json.Nodes;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Services;
using MagentoCloud.Engine.Tests.Deploy;
using MagentoCloud.Engine.Tests.Project;

namespace MagentoCloud.Engine.Tests.Services;

/// <summary>
/// Services that the topology names: their endpoints in the platform's shape, with credentials from
/// files and the environment's isolation; and a real redis-server (started here, standing in for the
/// topology's) emptied through an SSH tunnel via the environment's first host.
/// </summary>
[Collection(Infrastructure.TestServicesCollection.Name)]
public sealed class TopologyServicesTests : IAsyncLifetime
{
    private const string App = """
        name: app
        type: php:8.3
        relationships:
            database: "mysql:mysql"
            redis: "redis:redis"
            opensearch: "opensearch:opensearch"
            rabbitmq: "rabbitmq:rabbitmq"
        """;

    private const string ServicesFile = """
        mysql:
            type: mysql:10.6
        redis:
            type: redis:7.2
        opensearch:
            type: opensearch:2.11
        rabbitmq:
            type: rabbitmq:3.13
        """;

    private readonly TempProject _project = new();
    private readonly string _secrets = Directory.CreateTempSubdirectory("mc-svc-secrets-").FullName;
    private LocalRedisServer _redis = null!;

    public Task InitializeAsync()
    {
        // A real redis-server with a password, as the topology's server for staging.
        _redis = new LocalRedisServer(_secrets, "stand-in");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _redis.RemoveAsync(CancellationToken.None);
        _project.Dispose();
        Directory.Delete(_secrets, recursive: true);
    }

    private string Topology(string redisHost, int redisPort, string passwordFile, string? hosts = null) => $$"""
        environments:
            staging:
                {{(hosts is null ? "" : $"hosts: [{hosts}]\n        root: /srv/{{environment}}\n        ssh: {{identity_file: {SshCluster.Key}, known_hosts: {SshCluster.KnownHosts}}}")}}
                services:
                    redis: {host: {{redisHost}}, port: {{redisPort}}, password_file: {{passwordFile}}}
                    opensearch: {host: search.internal, username: magento, password_file: {{passwordFile}}, index_prefix: "{environment}_"}
                    rabbitmq: {host: mq.internal, username: magento, password_file: {{passwordFile}}, vhost: "{environment}"}
        """;

    [Fact]
    public async Task Topology_endpoints_carry_the_platform_shape_credentials_from_a_file_and_the_environments_isolation()
    {
        var passwordFile = Path.Combine(_secrets, "password");
        File.WriteAllText(passwordFile, "s3cret\n");
        _project.With(".magento.app.yaml", App).With(".magento/services.yaml", ServicesFile)
            .With(".magento/topology.yaml", Topology("redis.internal", 6380, passwordFile));
        var files = _project.Files;
        var resolution = await new EnvironmentServices(_project.Root).ResolveAsync("staging", files, files.TopologyFor("staging", "staging"),
            start: false, SilentObserver.Instance, CancellationToken.None);
        Assert.Empty(resolution.Missing);
        var json = resolution.Endpoints.ToDictionary(e => e.Relationship, e => e.ToJson());

        Assert.Equal("redis.internal", (string?)json["redis"]["host"]);
        Assert.Equal(6380, (int?)json["redis"]["port"]);
        Assert.Equal("s3cret", (string?)json["redis"]["password"]);
        Assert.Equal("redis:7.2", (string?)json["redis"]["type"]);
        Assert.Equal("redis", (string?)json["redis"]["scheme"]);
        Assert.Equal("staging_", (string?)json["opensearch"]["query"]!["index"]);
        Assert.Equal(9200, (int?)json["opensearch"]["port"]);
        Assert.Equal("magento", (string?)json["opensearch"]["username"]);
        Assert.Equal("http", (string?)json["opensearch"]["scheme"]);
        Assert.Equal("staging", (string?)json["rabbitmq"]["vhost"]);
        Assert.Equal(5672, (int?)json["rabbitmq"]["port"]);
        foreach (var key in new[] { "host", "hostname", "ip", "port", "scheme", "username", "password", "path", "query", "rel", "service", "type", "cluster", "public", "fragment" })
            Assert.True(((JsonObject)json["rabbitmq"]).ContainsKey(key), key);
        // What hooks may echo is blanked from logs: the services' passwords are known secrets like the database's.
        Assert.Contains("s3cret", MagentoCloud.Engine.Project.DatabasePasswords.Known(_project.Root, []));
    }

    [Fact]
    public async Task A_copy_into_an_environment_on_hosts_empties_its_redis_cache_through_the_first_host()
    {
        var (_, port, password) = await _redis.EnsureRunningAsync(SilentObserver.Instance, CancellationToken.None);
        var passwordFile = Path.Combine(_secrets, "password");
        File.WriteAllText(passwordFile, password + "\n");
        var first = SshCluster.Address(SshCluster.Hosts[0]);
        _project.With(".magento.app.yaml", App).With(".magento/services.yaml", ServicesFile)
            .With(".magento/topology.yaml", Topology("127.0.0.1", port, passwordFile, $"\"{first}\""));
        await using (var connection = await RedisConnection.OpenAsync("127.0.0.1", port, password, CancellationToken.None))
            foreach (var db in new[] { "0", "1", "2" })
            {
                await connection.CommandAsync(CancellationToken.None, "SELECT", db);
                await connection.CommandAsync(CancellationToken.None, "SET", "page", "old-" + db);
            }

        var notes = await new EnvironmentServices(_project.Root).FlushCacheAsync("staging", EnvironmentType.Staging, SilentObserver.Instance,
            CancellationToken.None);
        Assert.Equal($"Emptied staging's Redis cache databases 1 and 2 (redis at 127.0.0.1:{port}).", Assert.Single(notes));
        await using (var connection = await RedisConnection.OpenAsync("127.0.0.1", port, password, CancellationToken.None))
        {
            await connection.CommandAsync(CancellationToken.None, "SELECT", "0");
            Assert.Equal("old-0", await connection.CommandAsync(CancellationToken.None, "GET", "page"));
            foreach (var db in new[] { "1", "2" })
            {
                await connection.CommandAsync(CancellationToken.None, "SELECT", db);
                Assert.Null(await connection.CommandAsync(CancellationToken.None, "GET", "page"));
            }
        }
    }

    [Fact]
    public async Task Freeing_an_environment_empties_its_topology_redis_and_says_what_it_left_on_other_servers()
    {
        var (_, port, password) = await _redis.EnsureRunningAsync(SilentObserver.Instance, CancellationToken.None);
        var passwordFile = Path.Combine(_secrets, "password");
        File.WriteAllText(passwordFile, password + "\n");
        _project.With(".magento.app.yaml", App).With(".magento/services.yaml", ServicesFile)
            .With(".magento/topology.yaml", Topology("127.0.0.1", port, passwordFile, $"\"{SshCluster.Address(SshCluster.Hosts[0])}\""));
        await using (var connection = await RedisConnection.OpenAsync("127.0.0.1", port, password, CancellationToken.None))
            foreach (var db in new[] { "0", "1", "2", "3" })
            {
                await connection.CommandAsync(CancellationToken.None, "SELECT", db);
                await connection.CommandAsync(CancellationToken.None, "SET", "session", "s-" + db);
            }
        var warnings = new Infrastructure.WarningRecorder();

        var notes = await new EnvironmentServices(_project.Root).FreeAsync("staging", EnvironmentType.Staging, [], warnings, CancellationToken.None);

        Assert.Contains($"Emptied staging's Redis databases 0, 1 and 2 (sessions, cache, page cache; redis at 127.0.0.1:{port}).", notes);
        await using (var connection = await RedisConnection.OpenAsync("127.0.0.1", port, password, CancellationToken.None))
        {
            foreach (var db in new[] { "0", "1", "2" })
            {
                await connection.CommandAsync(CancellationToken.None, "SELECT", db);
                Assert.Equal("0", await connection.CommandAsync(CancellationToken.None, "DBSIZE"));
            }
            await connection.CommandAsync(CancellationToken.None, "SELECT", "3");
            Assert.Equal("s-3", await connection.CommandAsync(CancellationToken.None, "GET", "session"));
        }
        // Search and queue servers are not this module's to administer: never a silent skip.
        Assert.Contains(warnings.Warnings, w => w.Contains("prefix 'staging_'", StringComparison.Ordinal) && w.Contains("search.internal:9200/staging__*", StringComparison.Ordinal));
        Assert.Contains(warnings.Warnings, w => w.Contains("rabbitmqctl delete_vhost staging", StringComparison.Ordinal));

        // A server that can't be reached is a warning naming what was left.
        await _redis.StopAsync(CancellationToken.None);
        var unreachable = new Infrastructure.WarningRecorder();
        await new EnvironmentServices(_project.Root).FreeAsync("staging", EnvironmentType.Staging, [], unreachable, CancellationToken.None);
        Assert.Contains(unreachable.Warnings, w => w.Contains("Redis data", StringComparison.Ordinal) && w.Contains("FLUSHDB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Freeing_an_environment_deletes_its_vhost_on_the_topologys_rabbitmq_through_the_management_api_and_keeps_a_shared_one()
    {
        // A real RabbitMQ node with its management API, as the topology's server; an administrator apart from the environments' user.
        var server = new LocalRabbitMqServer(Path.Combine(_secrets, "mq"), management: true);
        try
        {
            var port = await server.EnsureRunningAsync(SilentObserver.Instance, CancellationToken.None);
            var management = server.ManagementPort!.Value;
            var (_, admin, adminPassword) = await server.EnsureVhostAsync("admin", CancellationToken.None);
            var (_, user, userPassword) = await server.EnsureVhostAsync("user", CancellationToken.None);
            async Task<string> Control(params string[] arguments)
            {
                var result = await server.ControlAsync(arguments, null, CancellationToken.None);
                Assert.True(result.ExitCode == 0, result.Error + result.Output);
                return result.Output;
            }
            await Control("set_user_tags", admin, "administrator");
            foreach (var vhost in new[] { "staging", "shop" }) await Control("add_vhost", vhost);
            var adminFile = Path.Combine(_secrets, "admin");
            var userFile = Path.Combine(_secrets, "user");
            File.WriteAllText(adminFile, adminPassword + "\n");
            File.WriteAllText(userFile, userPassword + "\n");
            var first = SshCluster.Address(SshCluster.Hosts[0]);
            _project.With(".magento.app.yaml", App).With(".magento/services.yaml", ServicesFile).With(".magento/topology.yaml", $$"""
                environments:
                    staging:
                        hosts: ["{{first}}"]
                        root: /srv/{environment}
                        ssh: {identity_file: {{SshCluster.Key}}, known_hosts: {{SshCluster.KnownHosts}}}
                        services:
                            rabbitmq: {host: 127.0.0.1, port: {{port}}, management_port: {{management}}, username: {{user}}, password_file: {{userFile}},
                                       vhost: "{environment}", admin_username: {{admin}}, admin_password_file: {{adminFile}}}
                    development:
                        services:
                            rabbitmq: {host: 127.0.0.1, port: {{port}}, management_port: {{management}}, username: {{user}}, password_file: {{userFile}},
                                       vhost: shop, admin_username: {{admin}}, admin_password_file: {{adminFile}}}
                """);
            // The new keys are known to Test-CloudProject (the other relationships lack servers here on purpose).
            Assert.Empty(_project.Validate().Where(f => f.Severity == Engine.Project.FindingSeverity.Error && f.Code != "NoServiceEndpoint"));
            var services = new EnvironmentServices(_project.Root);

            // Through the SSH tunnel via staging's first host, with the administrator's password: the vhost and its queues go.
            var notes = await services.FreeAsync("staging", EnvironmentType.Staging, [("feature", EnvironmentType.Development)], SilentObserver.Instance, CancellationToken.None);
            Assert.Equal($"Deleted staging's RabbitMQ vhost 'staging' with its queues and messages (rabbitmq at 127.0.0.1:{port}).", Assert.Single(notes));
            var vhosts = (await Control("list_vhosts", "--no-table-headers")).Split('\n', StringSplitOptions.TrimEntries);
            Assert.DoesNotContain("staging", vhosts);
            Assert.Contains("shop", vhosts);
            notes = await services.FreeAsync("staging", EnvironmentType.Staging, [], SilentObserver.Instance, CancellationToken.None);
            Assert.Equal($"staging's RabbitMQ vhost 'staging' was already gone (rabbitmq at 127.0.0.1:{port}).", Assert.Single(notes));

            // Two Integration environments share vhost 'shop': freeing one leaves it, saying why.
            var shared = new Infrastructure.WarningRecorder();
            await services.FreeAsync("feature", EnvironmentType.Development, [("other", EnvironmentType.Development)], shared, CancellationToken.None);
            Assert.Contains(shared.Warnings, w => w.Contains("vhost 'shop'", StringComparison.Ordinal) && w.Contains("other uses it too", StringComparison.Ordinal));
            Assert.Contains("shop", (await Control("list_vhosts", "--no-table-headers")).Split('\n', StringSplitOptions.TrimEntries));

            // Without an administrator the environment's own user is refused: a warning that says what to give, nothing deleted.
            File.WriteAllText(adminFile, userPassword + "\n");
            _project.With(".magento/topology.yaml", File.ReadAllText(Path.Combine(_project.Root, ".magento", "topology.yaml"))
                .Replace($"admin_username: {admin}", $"admin_username: {user}", StringComparison.Ordinal));
            var refused = new Infrastructure.WarningRecorder();
            await services.FreeAsync("feature", EnvironmentType.Development, [], refused, CancellationToken.None);
            var warning = Assert.Single(refused.Warnings);
            Assert.Contains("401", warning, StringComparison.Ordinal);
            Assert.Contains("admin_username", warning, StringComparison.Ordinal);
            Assert.DoesNotContain(userPassword, warning, StringComparison.Ordinal);
            Assert.Contains("shop", (await Control("list_vhosts", "--no-table-headers")).Split('\n', StringSplitOptions.TrimEntries));
        }
        finally
        {
            await server.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void An_environments_search_indices_are_those_of_its_prefix_and_never_another_environments_longer_one()
    {
        string[] indices = ["shop_catalog_product_1_v2", "shop_catalog_product_1", "shop_b_catalog_product_1_v1", "shopping_x", "shop", "other_shop_y"];
        Assert.Equal(["shop_catalog_product_1", "shop_catalog_product_1_v2"], SearchIndices.Owned(indices, "shop", ["shop_b", "sh"]));
        Assert.Equal(["shop_b_catalog_product_1_v1"], SearchIndices.Owned(indices, "shop_b", ["shop"]));
    }
}
