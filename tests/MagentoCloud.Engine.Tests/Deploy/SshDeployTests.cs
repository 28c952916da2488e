using System.Text;
using LibGit2Sharp;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Tests.Deploy;

/// <summary>
/// Deploys to a three-node cluster of real sshd hosts on loopback. The hosts share this machine's
/// file system, so the topology's root holds <c>{host}</c>: each host keeps its own releases.
/// </summary>
// In the test services' collection: never beside the transport tests, which count connections.
[Collection(Infrastructure.TestServicesCollection.Name)]
public sealed class SshDeployTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mc-sshdeploy-").FullName;
    private readonly string _run = "t" + Guid.NewGuid().ToString("N")[..10];
    private readonly List<IDisposable> _owned = [];

    /// <summary>A project whose master runs on <paramref name="hosts"/> (user@host:port).</summary>
    private async Task<(DeploymentService Deployments, StateStore Store)> CreateAsync(IReadOnlyList<string> hosts, string? knownHosts = null,
        string? app = null)
    {
        File.WriteAllText(Path.Combine(_root, ".magento.app.yaml"), app ?? TestApp.DefaultApp);
        await new ProjectCreator().CreateAsync(_root, "Cluster");
        var topology = new StringBuilder()
            .AppendLine("environments:")
            .AppendLine("  master:")
            .AppendLine("    hosts:");
        foreach (var h in hosts) topology.AppendLine($"      - {h}");
        topology.AppendLine($"    root: {SshCluster.HostRootsParent}/{{host}}/{_run}/{{environment}}")
            .AppendLine("    ssh:")
            .AppendLine($"      identity_file: {SshCluster.Key}")
            .AppendLine($"      known_hosts: {knownHosts ?? SshCluster.KnownHosts}");
        File.WriteAllText(Path.Combine(_root, ".magento", "topology.yaml"), topology.ToString());
        var store = new StateStore(ProjectRemote.ForWorkingCopy(_root));
        return (new DeploymentService(_root, store), store);
    }

    private static IReadOnlyList<string> SharedHosts => SshCluster.Hosts.Select(h => SshCluster.Address(h)).ToList();

    /// <summary>Where host <paramref name="address"/> keeps master (the shared file system, seen from here).</summary>
    private string RootOn(string address) => Path.Combine(SshCluster.HostRootsParent, address, _run, "master");

    private string? Current(string address) =>
        new FileInfo(Path.Combine(RootOn(address), DeployHost.CurrentLink)).LinkTarget is { } target ? Path.GetFileName(target) : null;

    /// <summary>Commits <paramref name="files"/> on master in the project remote; returns the commit.</summary>
    private string CommitToMaster(IReadOnlyDictionary<string, string> files, string? app = null)
    {
        using var repo = new Repository(ProjectRemote.ForWorkingCopy(_root).GitDirectory);
        var head = repo.Branches["master"].Tip;
        var definition = TreeDefinition.From(head.Tree);
        var all = new Dictionary<string, string>(files);
        if (app is not null) all[".magento.app.yaml"] = app;
        foreach (var (path, text) in all)
            definition.Add(path, repo.ObjectDatabase.CreateBlob(new MemoryStream(Encoding.UTF8.GetBytes(text))), Mode.NonExecutableFile);
        var signature = new Signature("T", "t@example.com", DateTimeOffset.Now);
        var commit = repo.ObjectDatabase.CreateCommit(signature, signature, "change", repo.ObjectDatabase.CreateTree(definition), [head], false);
        repo.Refs.UpdateTarget(repo.Refs["refs/heads/master"], commit.Id, "test");
        return commit.Sha;
    }

    private static async Task<CloudActivity> DeployAsync(DeploymentService deployments, string? commit = null) =>
        await deployments.DeployAsync("master", commit, SilentObserver.Instance, CancellationToken.None);

    [Fact]
    public async Task Deploy_to_three_hosts_puts_the_release_live_on_all_three()
    {
        var (deployments, store) = await CreateAsync(SharedHosts);
        var activity = await DeployAsync(deployments);
        Assert.True(activity.Result == ActivityResult.Success, activity.Log);

        var releases = await deployments.GetReleasesAsync("master", CancellationToken.None);
        Assert.Equal(3, releases.Select(r => r.Host).Distinct().Count());
        var live = Assert.Single(releases.Where(r => r.IsCurrent).Select(r => r.Id).Distinct());
        foreach (var host in SshCluster.Hosts)
        {
            Assert.Equal(live, Current(host));
            var runtime = Path.Combine(RootOn(host), DeployHost.RuntimeFile);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(runtime));
            Assert.Contains("export MAGENTO_CLOUD_RELATIONSHIPS=", File.ReadAllText(runtime));
            Assert.Contains($"MAGENTO_CLOUD_APP_DIR={RootOn(host)}/releases/{live}", File.ReadAllText(Path.Combine(RootOn(host), "current", DeployHost.ReleaseFile)));
            Assert.False(File.Exists(Path.Combine(RootOn(host), DeployHost.LockFile)));
            Assert.False(File.Exists(Path.Combine(RootOn(host), "current", "var", ".maintenance.flag")));
        }
        // The deploy hook runs on one host only, the first.
        Assert.Contains($"Running the deploy hook on {SshCluster.Address(SshCluster.Hosts[0])}", activity.Log);
        Assert.DoesNotContain($"Running the deploy hook on {SshCluster.Address(SshCluster.Hosts[1])}", activity.Log);
        Assert.Contains($"on {SshCluster.Address(SshCluster.Hosts[2])}", activity.Log);
        Assert.Equal(new EnvironmentService(store, _root).Get("master").HeadCommit, new EnvironmentService(store, _root).Get("master").DeployedCommit);
    }

    [Fact]
    public async Task A_rotated_secret_is_left_on_no_host_after_the_next_deploy()
    {
        var (deployments, store) = await CreateAsync(SharedHosts,
            app: TestApp.DefaultApp.Replace("echo \"deploying in $PWD\"", "echo \"deploying in $PWD with $DB_PASSWORD\""));
        var variables = new VariableService(store);
        var old = "old-" + Guid.NewGuid().ToString("N");
        var rotated = "rotated-" + Guid.NewGuid().ToString("N");
        try
        {
            await variables.SetAsync("env:DB_PASSWORD", old, "master", settings: new VariableSettings { Sensitive = true });
            Assert.Equal(ActivityResult.Success, (await DeployAsync(deployments)).Result);
            await variables.SetAsync("env:DB_PASSWORD", rotated, "master");
            var second = await DeployAsync(deployments);
            Assert.True(second.Result == ActivityResult.Success, second.Log);
            // The deploy hook echoed it on the first host: the activity says so without it.
            Assert.Contains($"with {SecretMask.Mask}", second.Log);
            Assert.DoesNotContain(rotated, second.Log);

            foreach (var host in SshCluster.Hosts)
            {
                Assert.Contains(rotated, File.ReadAllText(Path.Combine(RootOn(host), DeployHost.RuntimeFile)));
                foreach (var file in Directory.EnumerateFiles(RootOn(host), "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
                    Assert.False(File.ReadAllText(file).Contains(old), $"{file} on {host} keeps the rotated secret");
                Assert.Equal(2, Directory.GetDirectories(Path.Combine(RootOn(host), DeployHost.ReleasesFolder)).Length);
            }
        }
        finally
        {
            Environments.TestProject.DeleteKeys(store.Read(s => s.Project?.Id));
        }
    }

    [Fact]
    public async Task One_host_of_three_down_fails_before_switching_and_keeps_the_previous_release_live()
    {
        var down = SshCluster.Hosts[2];
        using var sshd = Own(SshCluster.StartPrivate(down, Path.Combine(_root, "..", Path.GetFileName(_root) + "-sshd")));
        var (deployments, _) = await CreateAsync([SshCluster.Address(SshCluster.Hosts[0]), SshCluster.Address(SshCluster.Hosts[1]), sshd.Address],
            sshd.KnownHosts);
        var first = await DeployAsync(deployments);
        Assert.True(first.Result == ActivityResult.Success, first.Log);
        var previous = Current(SshCluster.Hosts[0]);

        sshd.Kill();
        var failed = await DeployAsync(deployments, CommitToMaster(new Dictionary<string, string> { ["new.txt"] = "2" }));

        Assert.Equal(ActivityResult.Failure, failed.Result);
        var step = Assert.Single(failed.Steps, s => s.Result == ActivityResult.Failure);
        Assert.DoesNotContain(failed.Steps, s => s.Name == "SwitchCurrentRelease");
        Assert.Contains($"failed at {step.Name}", failed.Log);
        Assert.Contains(sshd.Address, failed.Log);
        Assert.Contains($"previous release {previous} is still live", failed.Log);
        foreach (var host in SshCluster.Hosts)
        {
            Assert.Equal(previous, Current(host));
            Assert.False(File.Exists(Path.Combine(RootOn(host), DeployHost.LockFile)));
            Assert.False(File.Exists(Path.Combine(RootOn(host), "current", "var", ".maintenance.flag")));
        }
    }

    [Fact]
    public async Task Connection_dropping_mid_upload_fails_the_upload_and_keeps_the_previous_release_live()
    {
        var dropped = SshCluster.Hosts[2];
        using var sshd = Own(SshCluster.StartPrivate(dropped, Path.Combine(_root, "..", Path.GetFileName(_root) + "-sshd")));
        var (deployments, _) = await CreateAsync([SshCluster.Address(SshCluster.Hosts[0]), SshCluster.Address(SshCluster.Hosts[1]), sshd.Address],
            sshd.KnownHosts);
        var first = await DeployAsync(deployments);
        Assert.True(first.Result == ActivityResult.Success, first.Log);
        var previous = Current(dropped);

        // A slug of incompressible data, so the upload lasts long enough to cut it.
        var big = TestApp.DefaultApp.Replace("mkdir -p generated", "mkdir -p generated\n    head -c 160000000 /dev/urandom > generated/big.bin");
        var commit = CommitToMaster(new Dictionary<string, string>(), big);
        var releases = Path.Combine(RootOn(dropped), DeployHost.ReleasesFolder);
        var deploy = DeployAsync(deployments, commit);
        var cut = false;
        while (!deploy.IsCompleted)
        {
            var part = Directory.Exists(releases) ? Directory.GetDirectories(releases, "*.part").FirstOrDefault() : null;
            var file = part is null ? null : new FileInfo(Path.Combine(part, "generated", "big.bin"));
            if (file is { Exists: true, Length: > 1_000_000 })
            {
                sshd.Kill(); // the session serving the upload dies with it
                cut = true;
                break;
            }
            await Task.Delay(5);
        }
        var failed = await deploy.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(cut, "The upload finished before it could be cut: " + failed.Log);
        Assert.Equal(ActivityResult.Failure, failed.Result);
        Assert.Contains(failed.Steps, s => s.Name == "UploadRelease" && s.Result == ActivityResult.Failure);
        Assert.Contains("failed at UploadRelease", failed.Log);
        Assert.Contains(sshd.Address, failed.Log);
        foreach (var host in SshCluster.Hosts)
        {
            Assert.Equal(previous, Current(host));
            Assert.False(File.Exists(Path.Combine(RootOn(host), DeployHost.LockFile)));
        }
        // The hosts still reachable lost the unfinished release again.
        Assert.Single(Directory.GetDirectories(Path.Combine(RootOn(SshCluster.Hosts[0]), DeployHost.ReleasesFolder)));
    }

    [Fact]
    public async Task Rollback_switches_every_host_back_and_marks_the_release_bad_on_each()
    {
        var (deployments, _) = await CreateAsync(SharedHosts);
        Assert.Equal(ActivityResult.Success, (await DeployAsync(deployments)).Result);
        var first = Current(SshCluster.Hosts[0]);
        Assert.Equal(ActivityResult.Success, (await DeployAsync(deployments, CommitToMaster(new Dictionary<string, string> { ["v"] = "2" }))).Result);
        var second = Current(SshCluster.Hosts[0]);
        Assert.NotEqual(first, second);

        var undo = await deployments.UndoAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.Equal(ActivityResult.Success, undo.Result);
        Assert.Contains("database was not rolled back", undo.Log);
        foreach (var host in SshCluster.Hosts) Assert.Equal(first, Current(host));
        var releases = await deployments.GetReleasesAsync("master", CancellationToken.None);
        Assert.Equal(3, releases.Count(r => r.Id == second && r.IsBad && !r.IsCurrent));
        Assert.Equal(3, releases.Count(r => r.Id == first && r.IsCurrent));
    }

    [Fact]
    public async Task Rollback_refuses_a_hostile_release_id_on_every_host_and_runs_nothing()
    {
        var (deployments, _) = await CreateAsync(SharedHosts);
        Assert.Equal(ActivityResult.Success, (await DeployAsync(deployments)).Result);
        var first = Current(SshCluster.Hosts[0]);
        Assert.Equal(ActivityResult.Success, (await DeployAsync(deployments, CommitToMaster(new Dictionary<string, string> { ["v"] = "2" }))).Result);
        foreach (var host in SshCluster.Hosts) HostileReleaseIdTests.AddRelease(RootOn(host), HostileReleaseIdTests.Hostile);

        var given = await Assert.ThrowsAsync<CloudException>(() =>
            deployments.UndoAsync("master", HostileReleaseIdTests.Hostile, SilentObserver.Instance, CancellationToken.None));
        var undo = await deployments.UndoAsync("master", null, SilentObserver.Instance, CancellationToken.None);

        Assert.Equal(CloudErrorId.InvalidArgument, given.Id);
        Assert.Equal(ActivityResult.Success, undo.Result);
        foreach (var host in SshCluster.Hosts)
        {
            Assert.Equal(first, Current(host));
            Assert.False(File.Exists(Path.Combine(RootOn(host), "p")));
        }
    }

    [Fact]
    public async Task A_hook_left_running_by_a_dead_deploy_is_ended_and_its_maintenance_turned_off_before_the_lock_is_recovered()
    {
        var (deployments, _) = await CreateAsync(SharedHosts);
        Assert.Equal(ActivityResult.Success, (await DeployAsync(deployments)).Result);
        var first = SshCluster.Hosts[0];
        var live = Current(first)!;

        // A deploy that died in its hook, as the deploying process leaves it: the hook started over a
        // connection that is then dropped without a word (it keeps running on the host), maintenance on
        // on every host with its note, and the lock held by a process of this machine that has ended.
        var hookPid = Path.Combine(RootOn(first), "hook.pid");
        var info = new SshConnectionInfo(SshHost.Parse(SshCluster.Address(first))) { PrivateKeyPaths = [SshCluster.Key], KnownHostsPath = SshCluster.KnownHosts };
        var dying = new SshTransport(info);
        var hook = new DeployHost(dying, RootOn(first)).RunAsync(
            MagentoCloud.Engine.Deploy.Steps.Hook.Script($"echo $$ > {hookPid}; sleep 300", DeployHost.CurrentLink), userCode: true);
        for (var i = 0; i < 100 && !File.Exists(hookPid); i++) await Task.Delay(100);
        var abandoned = int.Parse(File.ReadAllText(hookPid).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await dying.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(Running(abandoned), "the hook outlives the connection that started it");
        foreach (var host in SshCluster.Hosts)
        {
            File.WriteAllText(Path.Combine(RootOn(host), DeployHost.MaintenanceFile), live + "\n");
            File.WriteAllText(Path.Combine(RootOn(host), "current", "var", ".maintenance.flag"), "");
        }
        using (var ended = System.Diagnostics.Process.Start("true")!)
        {
            ended.WaitForExit();
            var stale = DeployLock.ForThisProcess("dead-activity");
            stale.Pid = ended.Id;
            File.WriteAllText(Path.Combine(RootOn(first), DeployHost.LockFile), System.Text.Json.JsonSerializer.Serialize(stale));
        }
        // And an earlier recovery died half-way, long ago, leaving its mutex.
        var mutex = Directory.CreateDirectory(Path.Combine(RootOn(first), DeployHost.LockFile + ".recover"));
        mutex.LastWriteTime = DateTime.Now.AddMinutes(-10);

        var next = await DeployAsync(deployments, CommitToMaster(new Dictionary<string, string> { ["v"] = "2" }));

        Assert.True(next.Result == ActivityResult.Success, next.Log);
        Assert.Contains($"{SshCluster.Address(first)}: Ended the abandoned hook's process group {abandoned}.", next.Log);
        Assert.Contains("Recovered a stale lock", next.Log);
        Assert.False(Running(abandoned), "the next deploy ends the abandoned hook");
        foreach (var host in SshCluster.Hosts)
        {
            Assert.False(File.Exists(Path.Combine(RootOn(host), "current", "var", ".maintenance.flag")));
            Assert.False(File.Exists(Path.Combine(RootOn(host), DeployHost.MaintenanceFile)));
            Assert.False(File.Exists(Path.Combine(RootOn(host), DeployHost.HookFile)));
        }
    }

    [Fact]
    public async Task Cancelling_a_deploy_in_its_hook_ends_the_hook_on_the_host()
    {
        var (deployments, _) = await CreateAsync(SharedHosts);
        Assert.Equal(ActivityResult.Success, (await DeployAsync(deployments)).Result);
        var hookPid = Path.Combine(RootOn(SshCluster.Hosts[0]), "hook.pid");
        var commit = CommitToMaster(new Dictionary<string, string>(),
            TestApp.DefaultApp.Replace("echo \"deploying in $PWD\"", $"echo $$ > {hookPid}; sleep 300"));
        using var stop = new CancellationTokenSource();

        var deploy = deployments.DeployAsync("master", commit, SilentObserver.Instance, stop.Token);
        for (var i = 0; i < 300 && !File.Exists(hookPid); i++) await Task.Delay(100);
        var hook = int.Parse(File.ReadAllText(hookPid).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await stop.CancelAsync();
        var cancelled = await deploy.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(ActivityResult.Failure, cancelled.Result);
        for (var i = 0; i < 50 && Running(hook); i++) await Task.Delay(100);
        Assert.False(Running(hook), "the cancelled hook's process ends on the host");
        Assert.False(File.Exists(Path.Combine(RootOn(SshCluster.Hosts[0]), "current", "var", ".maintenance.flag")));
    }

    /// <summary>Runs and is no zombie (the hosts share this machine's processes).</summary>
    private static bool Running(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        return File.Exists(stat) && File.ReadAllText(stat).Split(") ")[1][0] != 'Z';
    }

    [Fact]
    public async Task Command_on_all_hosts_runs_in_each_host_live_release()
    {
        var (deployments, _) = await CreateAsync(SharedHosts);
        Assert.Equal(ActivityResult.Success, (await DeployAsync(deployments)).Result);

        var results = await deployments.InvokeCommandAsync("master", "echo \"$MAGENTO_CLOUD_APP_DIR\"; pwd -P", true, SilentObserver.Instance,
            CancellationToken.None);
        Assert.Equal(SharedHosts, results.Select(r => r.Host));
        foreach (var (result, host) in results.Zip(SshCluster.Hosts))
        {
            Assert.Equal(0, result.ExitCode);
            Assert.StartsWith($"{RootOn(host)}/releases/", result.Output);
        }
        var one = Assert.Single(await deployments.InvokeCommandAsync("master", "exit 3", false, SilentObserver.Instance, CancellationToken.None));
        Assert.Equal(3, one.ExitCode);
        Assert.Equal(SharedHosts[0], one.Host);
    }

    [Fact]
    public async Task A_slug_with_setuid_and_world_writable_modes_is_stripped_on_every_host()
    {
        var (deployments, _) = await CreateAsync(SharedHosts);
        var first = await DeployAsync(deployments);
        Assert.True(first.Result == ActivityResult.Success, first.Log);
        // The same slug, as a build host that kept unsafe modes would send it; the redeploy reuses it.
        var slug = Directory.EnumerateFiles(deployments.Slugs.Directory, "*.tar.zst").Single();
        SlugEntries.RewriteModes(slug, mode => mode | UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit | UnixFileMode.OtherWrite);
        var second = await DeployAsync(deployments);
        Assert.True(second.Result == ActivityResult.Success, second.Log);
        foreach (var host in SshCluster.Hosts)
            Assert.Empty(SlugEntries.UnsafeModes(Path.Combine(RootOn(host), DeployHost.CurrentLink)));
    }

    [Fact]
    public async Task A_mount_that_climbs_out_is_refused_before_any_host_changes()
    {
        var (deployments, _) = await CreateAsync(SharedHosts);
        // releases/<id>/../../../victim: beside the environment's root, on every host.
        var victims = SshCluster.Hosts.Select(h => Path.Combine(RootOn(h), "..", "victim")).ToList();
        foreach (var victim in victims)
        {
            Directory.CreateDirectory(victim);
            File.WriteAllText(Path.Combine(victim, "keep.txt"), "mine");
        }
        var commit = CommitToMaster(new Dictionary<string, string>(),
            TestApp.DefaultApp.Replace("var: \"shared:files/var\"", "\"../../../victim\": \"shared:files/var\""));
        var e = await Assert.ThrowsAsync<CloudException>(() => DeployAsync(deployments, commit));
        Assert.Equal(CloudErrorId.ProjectInvalid, e.Id);
        Assert.All(victims, v => Assert.Equal("mine", File.ReadAllText(Path.Combine(v, "keep.txt"))));
        Assert.All(SshCluster.Hosts, h => Assert.False(Directory.Exists(Path.Combine(RootOn(h), DeployHost.ReleasesFolder))));
    }

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        foreach (var d in _owned) d.Dispose();
        HostConnections.CloseAllAsync().GetAwaiter().GetResult(); // the deploys' pooled connections

        foreach (var path in new[] { _root, _root + "-sshd" }.Concat(SshCluster.Hosts.Select(h => Path.Combine(SshCluster.HostRootsParent, h, _run))))
        {
            try { Directory.Delete(path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
