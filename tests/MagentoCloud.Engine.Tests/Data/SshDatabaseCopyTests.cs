using MagentoCloud.Engine;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Tests.Environments;
using static MagentoCloud.Engine.Tests.Data.DatabaseTransferTests;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>
/// Environments on SSH hosts (the test services' sshd on 127.0.0.x and their MariaDB): the dump runs
/// on the source's first host and the import on the destination's, both over SSH. Needs the services
/// of tests/infra/start.sh (MC_TEST_* variables); without them there is nothing to test against.
/// </summary>
public sealed class SshDatabaseCopyTests
{
    private static string? Env(string name) => Environment.GetEnvironmentVariable(name);

    [Fact]
    public async Task Copy_and_sync_between_environments_on_ssh_hosts_streams_through_both_hosts()
    {
        if (Env("MC_TEST_SSH_HOSTS") is not { } hostList || Env("MC_TEST_DB_PORT") is null) return;
        var hosts = hostList.Split(' ');
        var roots = Env("MC_TEST_HOST_ROOTS")!.Split(' ');
        var run = Guid.NewGuid().ToString("N")[..6];
        using var project = await TestProject.CreateAsync();
        string Entry(int host) => $"""
                hosts: ["{Env("MC_TEST_SSH_USER")}@{hosts[host]}:{Env("MC_TEST_SSH_PORT")}"]
                root: {roots[host]}/{run}/{"{environment}"}
                database: {"{"} host: {Env("MC_TEST_DB_HOST")}, port: {Env("MC_TEST_DB_PORT")}, name: "mc_{run}_{"{environment}"}", user: {Env("MC_TEST_DB_USER")}, password_env: MC_TEST_DB_PASSWORD {"}"}
                ssh: {"{"} identity_file: {Env("MC_TEST_SSH_KEY")}, known_hosts: {Env("MC_TEST_SSH_KNOWN_HOSTS")} {"}"}
            """;
        File.WriteAllText(Path.Combine(project.Root, ".magento", "topology.yaml"),
            $"environments:\n  master:\n{Entry(1)}\n  staging:\n{Entry(2)}\n");
        var workspace = Workspace.Open(project.Root);

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

        await ExecuteAsync(staging.Endpoint, $"DROP DATABASE `{staging.Endpoint.Database}`");
        await ExecuteAsync(source.Endpoint, $"DROP DATABASE `{source.Endpoint.Database}`");
    }
}
