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

    /// <summary>
    /// A project whose master runs on the second test host and staging on the third, each with its own database on the test server;
    /// either host may be a private sshd of the test's own, to take down.
    /// </summary>
    private static async Task<SshProject> CreateAsync(Deploy.PrivateSshd? master = null, Deploy.PrivateSshd? staging = null)
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
            $"environments:\n  master:\n{Entry(1, master?.Address, master?.KnownHosts)}\n  staging:\n{Entry(2, staging?.Address, staging?.KnownHosts)}\n");
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

    /// <summary>An sshd of the test's own for test host <paramref name="host"/>, so the test can take it down with its sessions.</summary>
    private static Deploy.PrivateSshd OwnSshd(int host) => Deploy.SshCluster.StartPrivate(Deploy.SshCluster.Hosts[host],
        Path.Combine(Path.GetTempPath(), "mc-dropsshd-" + Guid.NewGuid().ToString("N")[..6]));

    /// <summary>
    /// master's database gets `big` (20 MB: a copy runs long enough to strike mid-stream), then `zz_locked`, which a test
    /// may hold locked (<see cref="LockAsync"/>) to keep the dump alive after `big`; staging's gets the seeded store. Both
    /// are returned as this machine reaches the test server directly, not through a tunnel that a test may take down.
    /// </summary>
    private static async Task<(DatabaseEndpoint Source, DatabaseEndpoint Destination)> SeedBigCopyAsync(Workspace workspace)
    {
        DatabaseEndpoint source, destination;
        await using (var master = await workspace.OpenDatabaseAsync("master", SilentObserver.Instance, CancellationToken.None))
        await using (var staging = await workspace.OpenDatabaseAsync("staging", SilentObserver.Instance, CancellationToken.None))
            (source, destination) = (master.HostEndpoint, staging.HostEndpoint);
        await LocalDatabaseServer.CreateDatabaseAsync(source, CancellationToken.None);
        await ExecuteAsync(source,
            "CREATE TABLE big (id int primary key, v text) ENGINE=InnoDB",
            "INSERT INTO big SELECT seq, REPEAT('z', 2000) FROM seq_1_to_10000",
            "CREATE TABLE zz_locked (id int primary key) ENGINE=InnoDB");
        await LocalDatabaseServer.CreateDatabaseAsync(destination, CancellationToken.None);
        await SeedAsync(destination);
        return (source, destination);
    }

    /// <summary>Holds `zz_locked` locked until the connection is disposed: a dump that reaches it waits.</summary>
    private static Task<MySqlConnector.MySqlConnection> LockAsync(DatabaseEndpoint source) => HoldAsync(source, "LOCK TABLES zz_locked WRITE");

    [Fact]
    public async Task Dump_killed_on_the_source_host_mid_stream_leaves_the_destination_unchanged()
    {
        var ssh = await CreateAsync();
        using var _ = ssh.Project;
        var workspace = ssh.Workspace;
        var (source, destination) = await SeedBigCopyAsync(workspace);
        var before = await FingerprintAsync(destination);

        // The dump streams `big`, then waits on `zz_locked` (held here), so it is alive when the stream is
        // under way; then the dump client on master's host dies, as when its connection drops.
        await using (await LockAsync(source))
        {
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
        using var sshd = OwnSshd(1);
        var ssh = await CreateAsync(master: sshd);
        using var _ = ssh.Project;
        var workspace = ssh.Workspace;
        var (source, destination) = await SeedBigCopyAsync(workspace);
        var before = await FingerprintAsync(destination);

        // The dump streams `big`, then waits on `zz_locked` (held here, on the server directly), so the
        // stream is under way when master's host goes down with every connection it serves.
        var dropper = new DropOnProgress(sshd);
        Exception? error;
        await using (await LockAsync(source))
            error = await Record.ExceptionAsync(() => new DatabaseCopyService(workspace).CopyAsync("master", "staging",
                new DatabaseCopyOptions { NoSnapshot = true }, dropper, CancellationToken.None));

        Assert.True(dropper.Dropped, "the copy ended before the connection could be dropped");
        Assert.True(error is CloudException, error?.ToString() ?? "the copy succeeded");
        Assert.Equal(before, await FingerprintAsync(destination));
        Assert.Empty(await LeftoverSchemasAsync(destination));
        // Directly: master's host is down.
        await ExecuteAsync(destination with { Database = "" },
            $"DROP DATABASE IF EXISTS `{source.Database}`", $"DROP DATABASE IF EXISTS `{destination.Database}`");
        try { Directory.Delete(sshd.Directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Ssh_connection_to_the_destination_dropping_mid_import_leaves_it_unchanged_and_the_next_copy_clean()
    {
        // staging's host runs the import client, and the tunnel to its database goes through it.
        using var sshd = OwnSshd(2);
        var ssh = await CreateAsync(staging: sshd);
        using var _ = ssh.Project;
        var workspace = ssh.Workspace;
        var (source, destination) = await SeedBigCopyAsync(workspace);
        var before = await FingerprintAsync(destination);

        var dropper = new DropOnProgress(sshd, running: $"^mariadb .*--database={destination.Database}__mc_import_");
        var error = await Record.ExceptionAsync(() => new DatabaseCopyService(workspace).CopyAsync("master", "staging",
            new DatabaseCopyOptions { NoSnapshot = true }, dropper, CancellationToken.None));

        Assert.True(dropper.Dropped, "the copy ended before the connection could be dropped: " + error);
        // The import's own error, not the failed drop of the staging schema: the tunnel to it went down too.
        Assert.True(error is CloudException { Id: CloudErrorId.HostUnreachable }, error?.ToString() ?? "the copy succeeded");
        Assert.Contains("dropped while 'mariadb", error!.Message);
        Assert.Equal(before, await FingerprintAsync(destination));
        var left = Assert.Single(await LeftoverSchemasAsync(destination));
        Assert.Contains(dropper.Warnings, w => w.Contains(left) && w.Contains("the next copy"));

        // staging's host comes back on the same address: the next copy clears what the cut-off one left and succeeds.
        using var back = sshd.Restart();
        var copy = await new DatabaseCopyService(workspace).CopyAsync("master", "staging",
            new DatabaseCopyOptions { NoSnapshot = true }, SilentObserver.Instance, CancellationToken.None);

        Assert.Equal(DatabaseCopyStatus.Successful, copy.Status);
        Assert.Equal(await FingerprintAsync(source), await FingerprintAsync(destination));
        Assert.Empty(await LeftoverSchemasAsync(destination));
        await DropDatabasesAsync(workspace);
        try { Directory.Delete(sshd.Directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Ssh_connection_to_the_destination_dropping_mid_import_over_two_connections_leaves_it_unchanged()
    {
        var (sshd, ssh, destination, file) = await ExportedWithStagingOnItsOwnSshdAsync();
        using var _ = sshd;
        using var __ = ssh.Project;
        var workspace = ssh.Workspace;
        var before = await FingerprintAsync(destination);

        var dropper = new DropOnProgress(sshd, running: $"^mariadb .*--database={destination.Database}__mc_import_");
        var error = await Record.ExceptionAsync(() => new DatabaseCopyService(workspace).ImportAsync("staging", file,
            new DatabaseCopyOptions { NoSnapshot = true, ThrottleLimit = 2 }, dropper, CancellationToken.None));

        Assert.True(dropper.Dropped, "the import ended before the connection could be dropped: " + error);
        Assert.True(error is CloudException { Id: CloudErrorId.HostUnreachable or CloudErrorId.ImportFailed }, error?.ToString() ?? "the import succeeded");
        Assert.Equal(before, await FingerprintAsync(destination));
        using var back = sshd.Restart();
        await DropDatabasesAsync(workspace);
        try { Directory.Delete(sshd.Directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>staging on an sshd of the test's own, the big copy's databases, and master's exported to a file: an import to strike.</summary>
    private static async Task<(Deploy.PrivateSshd Sshd, SshProject Ssh, DatabaseEndpoint Destination, string File)> ExportedWithStagingOnItsOwnSshdAsync()
    {
        var sshd = OwnSshd(2);
        var ssh = await CreateAsync(staging: sshd);
        var (_, destination) = await SeedBigCopyAsync(ssh.Workspace);
        var file = Path.Combine(ssh.Project.Root, "master.sql");
        await new DatabaseCopyService(ssh.Workspace).ExportAsync("master", file, DumpCompression.None, new DatabaseCopyOptions(),
            SilentObserver.Instance, CancellationToken.None);
        return (sshd, ssh, destination, file);
    }

    /// <summary>
    /// Takes a host's sshd down (listener and sessions) once the first megabyte went through and, when given, a process
    /// whose command line matches <paramref name="running"/> runs (the test hosts are this machine).
    /// </summary>
    // At the first progress report: a fast import could end before reporting a whole megabyte, leaving nothing to strike.
    private sealed class DropOnProgress(Deploy.PrivateSshd sshd, string? running = null) : ActOnceAtMegabytes(0)
    {
        public bool Dropped { get; private set; }

        protected override void Act()
        {
            // The import starts a moment after the dump: strike it under way, not while it starts up.
            for (var i = 0; running is not null && i < 100 && !Runs(running); i++) Thread.Sleep(50);
            Dropped = true;
            sshd.Kill();
        }

        private static bool Runs(string pattern) =>
            new LocalTransport().RunAsync(CommandRequest.Command("pgrep", "-f", "--", pattern)).GetAwaiter().GetResult().ExitCode == 0;
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
        // Asked for 8 streams: each holds a channel on each host, and OpenSSH allows 10 sessions a connection.
        var copy = await service.CopyAsync("master", "staging", new DatabaseCopyOptions { Sanitize = true, ThrottleLimit = 8 }, SilentObserver.Instance,
            CancellationToken.None);
        // master's parent is staging: data flows down from it (sanitizing on, as the copy had it).
        var sync = await service.SyncDataAsync("master", new DatabaseCopyOptions(), SilentObserver.Instance, CancellationToken.None);

        Assert.True(copy.Status == DatabaseCopyStatus.Successful, string.Join(" ", copy.Notes));
        Assert.Equal(CopyThrottle.SshChannels, copy.ThrottleLimit);
        Assert.Contains(copy.Notes, n => n.StartsWith($"Copied over {CopyThrottle.SshChannels} streams", StringComparison.Ordinal));
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
