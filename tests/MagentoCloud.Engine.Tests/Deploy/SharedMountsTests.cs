using System.Text;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Tests.Deploy;

/// <summary>
/// Mounts on storage the three test hosts share: one folder that every host's topology points at is proven shared and
/// serves one host's upload to the others; a folder of each host's own is found out before anything is linked.
/// </summary>
[Collection(Infrastructure.TestServicesCollection.Name)]
public sealed class SharedMountsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mc-shared-").FullName;
    private readonly string _run = "s" + Guid.NewGuid().ToString("N")[..10];

    private string Storage => Path.Combine(SshCluster.HostRootsParent, "storage-" + _run);

    private async Task<DeploymentService> CreateAsync(string? shared)
    {
        File.WriteAllText(Path.Combine(_root, ".magento.app.yaml"), TestApp.DefaultApp);
        await new ProjectCreator().CreateAsync(_root, "Shared");
        var topology = new StringBuilder().AppendLine("environments:").AppendLine("  master:").AppendLine("    hosts:");
        foreach (var h in SshCluster.Hosts) topology.AppendLine($"      - {SshCluster.Address(h)}");
        topology.AppendLine($"    root: {SshCluster.HostRootsParent}/{{host}}/{_run}/{{environment}}");
        if (shared is not null) topology.AppendLine($"    shared: {{path: \"{shared}\"}}");
        topology.AppendLine("    ssh:").AppendLine($"      identity_file: {SshCluster.Key}").AppendLine($"      known_hosts: {SshCluster.KnownHosts}");
        File.WriteAllText(Path.Combine(_root, ".magento", "topology.yaml"), topology.ToString());
        return new DeploymentService(_root, new StateStore(ProjectRemote.ForWorkingCopy(_root)));
    }

    private DeployHost Host(int index)
    {
        SshHost.TryParse(SshCluster.Address(SshCluster.Hosts[index]), out var host);
        return new DeployHost(HostConnections.Connect(host!, new SshSettings(SshCluster.Key, SshCluster.KnownHosts)),
            Path.Combine(SshCluster.HostRootsParent, SshCluster.Hosts[index], _run, "master"));
    }

    [Fact]
    public async Task An_upload_through_host_2_is_read_back_through_hosts_1_and_3_on_proven_shared_storage()
    {
        var deployments = await CreateAsync(Storage + "/{environment}");
        var activity = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.True(activity.Result == ActivityResult.Success, activity.Log);
        Assert.Contains("Shared storage", activity.Log);

        await Host(1).RunCheckedAsync("upload", "mkdir -p current/pub/media/catalog/product && printf 'jpeg from host 2' > current/pub/media/catalog/product/a.jpg");

        foreach (var other in new[] { 0, 2 })
        {
            var read = await Host(other).RunCheckedAsync("read", "cat current/pub/media/catalog/product/a.jpg");
            Assert.Equal("jpeg from host 2", read.Output);
        }
        // Stored once, on the shared storage, and no marker left behind.
        Assert.True(File.Exists(Path.Combine(Storage, "master", "media", "catalog", "product", "a.jpg")));
        Assert.Empty(Directory.GetFiles(Path.Combine(Storage, "master"), ".magento-shared-*"));
    }

    [Fact]
    public async Task A_folder_of_each_hosts_own_is_found_not_shared_and_nothing_is_linked()
    {
        var deployments = await CreateAsync(Storage + "/{host}/{environment}");
        var activity = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);

        Assert.Equal(ActivityResult.Failure, activity.Result);
        Assert.Equal(nameof(CloudErrorId.SharedStorageMissing), activity.ErrorId?.ToString());
        Assert.Contains($"not there through {SshCluster.Address(SshCluster.Hosts[1])}", activity.Log);
        Assert.Contains(activity.Steps, s => s.Name == "ProveSharedStorage" && s.Result == ActivityResult.Failure);
        Assert.DoesNotContain(activity.Steps, s => s.Name == "LinkMounts");
        foreach (var host in SshCluster.Hosts)
            Assert.False(File.Exists(Path.Combine(SshCluster.HostRootsParent, host, _run, "master", DeployHost.CurrentLink)));
    }

    [Fact]
    public async Task Sync_of_files_reads_and_writes_the_shared_storage_once_not_a_hosts_own_folder()
    {
        await CreateAsync(Storage + "/{environment}");
        // staging runs on the same hosts, with its own folder on the same storage.
        var topology = Path.Combine(_root, ".magento", "topology.yaml");
        var text = File.ReadAllText(topology);
        File.WriteAllText(topology, text + text[text.IndexOf("  master:", StringComparison.Ordinal)..].Replace("  master:", "  staging:"));
        Directory.CreateDirectory(Path.Combine(Storage, "master", "media", "catalog"));
        File.WriteAllText(Path.Combine(Storage, "master", "media", "catalog", "a.jpg"), "jpeg");
        var workspace = Workspace.Open(_root);

        var copied = await new MagentoCloud.Engine.Data.SnapshotService(workspace).CopyFilesAsync(workspace.Environments.Get("master"), workspace.Environments.Get("staging"),
            CancellationToken.None);

        Assert.True(copied);
        Assert.Equal("jpeg", File.ReadAllText(Path.Combine(Storage, "staging", "media", "catalog", "a.jpg")));
        Assert.False(Directory.Exists(Path.Combine(SshCluster.HostRootsParent, SshCluster.Hosts[0], _run, "staging", "shared")));
    }

    [Fact]
    public async Task With_media_shared_and_var_per_host_snapshots_restores_and_sync_take_each_from_its_own_place()
    {
        await CreateAsync(null);
        // pub/media on the shared storage, the other mounts (var among them) in each host's own shared/; staging is laid out alike.
        var topology = Path.Combine(_root, ".magento", "topology.yaml");
        var text = File.ReadAllText(topology).Replace("    ssh:", $"    shared: {{path: \"{Storage}/{{environment}}\", mounts: [pub/media]}}\n    ssh:");
        File.WriteAllText(topology, text + text[text.IndexOf("  master:", StringComparison.Ordinal)..].Replace("  master:", "  staging:"));
        string PerHost(int host, string environment, params string[] path) =>
            Path.Combine([SshCluster.HostRootsParent, SshCluster.Hosts[host], _run, environment, "shared", .. path]);
        void Write(string file, string text)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }
        Write(Path.Combine(Storage, "master", "media", "a.jpg"), "shared jpeg");
        Write(PerHost(0, "master", "var", "log", "system.log"), "host 1 log");
        var workspace = Workspace.Open(_root);
        var snapshots = new MagentoCloud.Engine.Data.SnapshotService(workspace);
        var master = workspace.Environments.Get("master");
        var staging = workspace.Environments.Get("staging");

        // Sync -Data: the shared part once, from storage to storage; the per-host part from the first host's shared/.
        Assert.True(await snapshots.CopyFilesAsync(master, staging, CancellationToken.None));
        Assert.Equal("shared jpeg", File.ReadAllText(Path.Combine(Storage, "staging", "media", "a.jpg")));
        Assert.Equal("host 1 log", File.ReadAllText(PerHost(0, "staging", "var", "log", "system.log")));
        Assert.False(File.Exists(PerHost(0, "staging", "media", "a.jpg")));
        Assert.False(File.Exists(Path.Combine(Storage, "staging", "var", "log", "system.log")));

        // A snapshot holds both parts; a restore puts each back in its own place, and only there.
        var folder = Directory.CreateDirectory(Path.Combine(_root, "snapshot")).FullName;
        Assert.True(await snapshots.ArchiveFilesAsync(master, folder, CancellationToken.None) > 0);
        Assert.True(File.Exists(Path.Combine(folder, "files.tar.zst")));
        Assert.True(File.Exists(Path.Combine(folder, "shared-files.tar.zst")));
        File.WriteAllText(Path.Combine(Storage, "master", "media", "a.jpg"), "changed");
        Write(Path.Combine(Storage, "master", "media", "b.jpg"), "new");
        File.WriteAllText(PerHost(0, "master", "var", "log", "system.log"), "changed");
        var log = new List<string>();
        await snapshots.RestoreFilesAsync(master, folder, "t1", log, CancellationToken.None);
        Assert.Equal(2, log.Count);
        Assert.Equal("shared jpeg", File.ReadAllText(Path.Combine(Storage, "master", "media", "a.jpg")));
        Assert.False(File.Exists(Path.Combine(Storage, "master", "media", "b.jpg")));
        Assert.Equal("host 1 log", File.ReadAllText(PerHost(0, "master", "var", "log", "system.log")));
        Assert.False(Directory.Exists(Path.Combine(Storage, "master", "var")));
        Assert.False(Directory.Exists(PerHost(0, "master", "media")));
    }

    [Fact]
    public async Task Test_project_warns_of_per_host_media_on_a_cluster_and_not_when_it_is_shared()
    {
        await CreateAsync(null);
        var findings = ProjectValidator.Validate(ProjectFiles.Load(_root));
        var warning = Assert.Single(findings, f => f.Code == "PerHostMount");
        Assert.Equal(FindingSeverity.Warning, warning.Severity);
        Assert.Contains("pub/media", warning.Message);

        var topology = Path.Combine(_root, ".magento", "topology.yaml");
        File.WriteAllText(topology, File.ReadAllText(topology).Replace("    ssh:", "    shared: {path: /mnt/shared/{environment}, mounts: [pub/media]}\n    ssh:"));
        Assert.DoesNotContain(ProjectValidator.Validate(ProjectFiles.Load(_root)), f => f.Code == "PerHostMount");
    }

    public void Dispose()
    {
        foreach (var host in SshCluster.Hosts)
            try { Directory.Delete(Path.Combine(SshCluster.HostRootsParent, host, _run), recursive: true); } catch (IOException) { }
        try { Directory.Delete(Storage, recursive: true); } catch (IOException) { }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
