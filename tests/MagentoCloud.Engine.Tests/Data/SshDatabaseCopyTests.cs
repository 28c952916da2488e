using MagentoCloud.Engine;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Transport;
using MagentoCloud.Engine.Tests.Environments;
using static MagentoCloud.Engine.Tests.Data.DatabaseTransferTests;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>
/// Environments on SSH hosts (the test services' sshd on 127.0.0.x and their MariaDB): the dump runs
/// on the source's first host and the import on the destination's, both over SSH. Needs the services
/// of tests/infra/start.sh (MC_TEST_* variables); without them the tests fail.
/// </summary>
// Shares the pooled SSH connections (HostConnections) with the other tests of the services: never in parallel with them.
[Collection(Infrastructure.TestServicesCollection.Name)]
public sealed class SshDatabaseCopyTests
{
    private static string? Env(string name) => Environment.GetEnvironmentVariable(name);

    private sealed record SshProject(TestProject Project, Workspace Workspace, string[] Roots, string Run);

    /// <summary>A project whose master runs on the second test host and staging on the third, each with its own database on the test server.</summary>
    private static async Task<SshProject> CreateAsync(string? masterAddress = null, string? masterKnownHosts = null)
    {
        // Missing services fail the test: a test that passes without its services proves nothing.
        if (Env("MC_TEST_SSH_HOSTS") is not { } hostList || Env("MC_TEST_DB_PORT") is null)
            throw new InvalidOperationException("The test services are not running: start tests/infra/start.sh and source its services.env first.");
        var hosts = hostList.Split(' ');
        var roots = Env("MC_TEST_HOST_ROOTS")!.Split(' ');
        var run = Guid.NewGuid().ToString("N")[..6];
        var project = await TestProject.CreateAsync();
        string Entry(int host, string? address = null, string? knownHosts = null) => $"""
                hosts: ["{address ?? $"{Env("MC_TEST_SSH_USER")}@{hosts[host]}:{Env("MC_TEST_SSH_PORT")}"}"]
                root: {roots[host]}/{run}/{"{environment}"}
                database: {"{"} host: {Env("MC_TEST_DB_HOST")}, port: {Env("MC_TEST_DB_PORT")}, name: "mc_{run}_{"{environment}"}", user: {Env("MC_TEST_DB_USER")}, password_env: MC_TEST_DB_PASSWORD {"}"}
                ssh: {"{"} identity_file: {Env("MC_TEST_SSH_KEY")}, known_hosts: {knownHosts ?? Env("MC_TEST_SSH_KNOWN_HOSTS")} {"}"}
            """;
        File.WriteAllText(Path.Combine(project.Root, ".magento", "topology.yaml"),
            $"environments:\n  master:\n{Entry(1, masterAddress, masterKnownHosts)}\n  staging:\n{Entry(2)}\n");
        return new SshProject(project, Workspace.Open(project.Root), roots, run);
    }

    private static async Task DropDatabasesAsync(Workspace workspace)
    {
        foreach (var name in new[] { "master", "staging" })
        {
            await using var database = await workspace.OpenDatabaseAsync(name, SilentObserver.Instance, CancellationToken.None);
            await ExecuteAsync(database.Endpoint with { Database = "" }, $"DROP DATABASE IF EXISTS `{database.Endpoint.Database}`");
        }
    }

    [Fact]
    public async Task Dump_killed_on_the_source_host_mid_stream_leaves_the_destination_unchanged()
    {
        var ssh = await CreateAsync();
        using var _ = ssh.Project;
        var workspace = ssh.Workspace;
        DatabaseEndpoint source, destination;
        await using (var master = await workspace.OpenDatabaseAsync("master", SilentObserver.Instance, CancellationToken.None))
        await using (var staging = await workspace.OpenDatabaseAsync("staging", SilentObserver.Instance, CancellationToken.None))
        {
            source = master.Endpoint;
            destination = staging.Endpoint;
            await LocalDatabaseServer.CreateDatabaseAsync(source, CancellationToken.None);
            await ExecuteAsync(source,
                "CREATE TABLE big (id int primary key, v text) ENGINE=InnoDB",
                "INSERT INTO big SELECT seq, REPEAT('z', 2000) FROM seq_1_to_10000",
                "CREATE TABLE zz_locked (id int primary key) ENGINE=InnoDB");
            await LocalDatabaseServer.CreateDatabaseAsync(destination, CancellationToken.None);
            await SeedAsync(destination);
            var before = await FingerprintAsync(destination);

            // The dump streams `big`, then waits on `zz_locked` (held here), so it is alive when the stream is
            // under way; then the dump client on master's host dies, as when its connection drops.
            await using var holder = new MySqlConnector.MySqlConnection(LocalDatabaseServer.ConnectionString(source));
            await holder.OpenAsync();
            await using (var lockTable = new MySqlConnector.MySqlCommand("LOCK TABLES zz_locked WRITE", holder)) await lockTable.ExecuteNonQueryAsync();
            var killer = new KillOnProgress(workspace, source.Database);
            var error = await Record.ExceptionAsync(() => new DatabaseCopyService(workspace).CopyAsync("master", "staging",
                new DatabaseCopyOptions { NoSnapshot = true }, killer, CancellationToken.None));

            Assert.True(killer.Killed, "the dump could not be killed: " + killer.Diagnostic);
            Assert.NotNull(error);
            Assert.True(error is CloudException { Id: CloudErrorId.CommandFailed or CloudErrorId.DumpIncomplete }, error.ToString());
            Assert.Equal(before, await FingerprintAsync(destination));
            Assert.Empty(await LeftoverSchemasAsync(destination));
        }
        await DropDatabasesAsync(workspace);
    }

    [Fact]
    public async Task Ssh_connection_to_the_source_dropping_mid_stream_leaves_the_destination_unchanged()
    {
        // master's host is an sshd of this test's own, so the test can take it down with its sessions.
        var sshdFolder = Path.Combine(Path.GetTempPath(), "mc-dropsshd-" + Guid.NewGuid().ToString("N")[..6]);
        using var sshd = Deploy.SshCluster.StartPrivate(Deploy.SshCluster.Hosts[1], sshdFolder);
        var ssh = await CreateAsync(sshd.Address, sshd.KnownHosts);
        using var _ = ssh.Project;
        var workspace = ssh.Workspace;
        await using var staging = await workspace.OpenDatabaseAsync("staging", SilentObserver.Instance, CancellationToken.None);
        var destination = staging.Endpoint;
        string sourceName;
        await using (var master = await workspace.OpenDatabaseAsync("master", SilentObserver.Instance, CancellationToken.None))
        {
            var source = master.Endpoint;
            sourceName = source.Database;
            await LocalDatabaseServer.CreateDatabaseAsync(source, CancellationToken.None);
            await ExecuteAsync(source,
                "CREATE TABLE big (id int primary key, v text) ENGINE=InnoDB",
                "INSERT INTO big SELECT seq, REPEAT('z', 2000) FROM seq_1_to_10000",
                "CREATE TABLE zz_locked (id int primary key) ENGINE=InnoDB");
        }
        await LocalDatabaseServer.CreateDatabaseAsync(destination, CancellationToken.None);
        await SeedAsync(destination);
        var before = await FingerprintAsync(destination);

        // The dump streams `big`, then waits on `zz_locked` (held here, on the server directly), so the
        // stream is under way when master's host goes down with every connection it serves.
        var direct = destination with { Database = sourceName };
        await using var holder = new MySqlConnector.MySqlConnection(LocalDatabaseServer.ConnectionString(direct));
        await holder.OpenAsync();
        await using (var lockTable = new MySqlConnector.MySqlCommand("LOCK TABLES zz_locked WRITE", holder)) await lockTable.ExecuteNonQueryAsync();
        var dropper = new DropOnProgress(sshd);
        var error = await Record.ExceptionAsync(() => new DatabaseCopyService(workspace).CopyAsync("master", "staging",
            new DatabaseCopyOptions { NoSnapshot = true }, dropper, CancellationToken.None));
        await holder.CloseAsync();

        Assert.True(dropper.Dropped, "the copy ended before the connection could be dropped");
        Assert.True(error is CloudException, error?.ToString() ?? "the copy succeeded");
        Assert.Equal(before, await FingerprintAsync(destination));
        Assert.Empty(await LeftoverSchemasAsync(destination));
        // The source database stays: the cut-off dump's server session may still hold its tables for a
        // while. The test server is this run's own and goes with it.
        await ExecuteAsync(destination with { Database = "" }, $"DROP DATABASE IF EXISTS `{destination.Database}`");
        try { Directory.Delete(sshdFolder, recursive: true); } catch (IOException) { }
    }

    /// <summary>Takes master's sshd down (listener and sessions) once the first megabyte went through.</summary>
    private sealed class DropOnProgress(Deploy.PrivateSshd sshd) : ActOnceAtMegabytes(1)
    {
        public bool Dropped { get; private set; }

        protected override void Act()
        {
            Dropped = true;
            sshd.Kill();
        }
    }

    /// <summary>Kills the one mariadb-dump that reads <paramref name="database"/> on master's host, once the first megabyte went through.</summary>
    private sealed class KillOnProgress(Workspace workspace, string database) : ActOnceAtMegabytes(1)
    {
        public bool Killed { get; private set; }

        public string Diagnostic { get; private set; } = "never reached 1 MB";

        protected override void Act()
        {
            var topology = workspace.TopologyFor("master", EnvironmentType.Development);
            var host = HostConnections.Connect(topology.Hosts[0], topology.Ssh);
            var result = host.RunAsync(CommandRequest.Shell($"kill -9 $(pgrep -f 'mariadb-dump.* {database}$' | head -n 1)")).GetAwaiter().GetResult();
            Killed = result.Succeeded;
            Diagnostic = $"exit {result.ExitCode}: {result.Output} {result.Error}";
        }
    }

    [Fact]
    public async Task Copy_and_sync_between_environments_on_ssh_hosts_streams_through_both_hosts()
    {
        var ssh = await CreateAsync();
        using var _ = ssh.Project;
        var (workspace, roots, run) = (ssh.Workspace, ssh.Roots, ssh.Run);

        await using (var master = await workspace.OpenDatabaseAsync("master", SilentObserver.Instance, CancellationToken.None))
        {
            await LocalDatabaseServer.CreateDatabaseAsync(master.Endpoint, CancellationToken.None);
            await SeedAsync(master.Endpoint);
        }
        var media = Path.Combine(roots[2], run, "staging", "shared", "pub", "media");
        Directory.CreateDirectory(media);
        File.WriteAllText(Path.Combine(media, "logo.png"), "from staging");

        var service = new DatabaseCopyService(workspace);
        var copy = await service.CopyAsync("master", "staging", new DatabaseCopyOptions { Sanitize = true }, SilentObserver.Instance, CancellationToken.None);
        // master's parent is staging: data flows down from it (sanitizing on, as the copy had it).
        var sync = await service.SyncDataAsync("master", new DatabaseCopyOptions(), SilentObserver.Instance, CancellationToken.None);

        Assert.True(copy.Status == DatabaseCopyStatus.Successful, string.Join(" ", copy.Notes));
        Assert.True(sync.Status == DatabaseCopyStatus.Successful, string.Join(" ", sync.Notes) + sync.Source);
        Assert.NotNull(sync.Snapshot); // master had tables
        await using var staging = await workspace.OpenDatabaseAsync("staging", SilentObserver.Instance, CancellationToken.None);
        await using var source = await workspace.OpenDatabaseAsync("master", SilentObserver.Instance, CancellationToken.None);
        Assert.Equal(await FingerprintAsync(source.Endpoint), await FingerprintAsync(staging.Endpoint));
        Assert.Equal("from staging", File.ReadAllText(Path.Combine(roots[1], run, "master", "shared", "pub", "media", "logo.png")));
        Assert.Empty(await FindPersonalDataAsync(source.Endpoint));

        await DropDatabasesAsync(workspace);
    }
}
