using System.Text;
using MagentoCloud.Engine.Build;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Tests.Deploy;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Tests.Build;

/// <summary>
/// Builds on a build host (a real sshd on 127.0.0.1) and deploys from it to the three test hosts.
/// The hosts share this machine's file system, so the tests read the build host's store directly.
/// </summary>
[Collection(Infrastructure.TestServicesCollection.Name)]
public sealed class BuildHostTests : IDisposable
{
    private readonly TestApp _app = new();
    private readonly string _run = "b" + Guid.NewGuid().ToString("N")[..10];

    private string BuildRoot => Path.Combine(SshCluster.HostRootsParent, SshCluster.Hosts[0], _run, "build");

    private string SlugsOnBuildHost => Path.Combine(BuildRoot, "test", "slugs");

    private BuildHostTopology Topology(string? address = null) =>
        new(SshHost.Parse(address ?? SshCluster.Address(SshCluster.Hosts[0])), BuildRoot, new SshSettings(SshCluster.Key, SshCluster.KnownHosts), SshCluster.Key);

    private RemoteSlugBuilder Builder(string? address = null, string? knownHosts = null)
    {
        var topology = Topology(address);
        var transport = new SshTransport(new SshConnectionInfo(topology.Host)
        {
            PrivateKeyPaths = [SshCluster.Key],
            KnownHostsPath = knownHosts ?? SshCluster.KnownHosts,
        });
        return new RemoteSlugBuilder(transport, topology);
    }

    private sealed class Lines : IOperationObserver
    {
        public List<string> All { get; } = [];

        public void Progress(OperationProgress progress) { }

        public void Log(string line) { lock (All) All.Add(line); }

        public void Warning(string message) => Log(message);
    }

    [Fact]
    public async Task A_build_on_the_build_host_has_the_same_key_and_files_as_a_local_build_and_is_reused_without_sending()
    {
        // An executable in Git: made so in the working copy before it is staged.
        var tool = Path.Combine(_app.RepositoryPath, "bin", "tool");
        Directory.CreateDirectory(Path.GetDirectoryName(tool)!);
        File.WriteAllText(tool, "");
        File.SetUnixFileMode(tool, (UnixFileMode)Convert.ToInt32("755", 8));
        var commit = _app.Commit(files: new Dictionary<string, string> { ["bin/tool"] = "#!/bin/sh\necho tool\n", ["lib/a/b.txt"] = "deep" });
        var local = await new SlugBuilder(_app.Store).BuildAsync(_app.Request(commit), SilentObserver.Instance, CancellationToken.None);
        var builder = Builder();
        await using var _ = builder.Host;
        var remote = await builder.BuildAsync(_app.Request(commit), SilentObserver.Instance, CancellationToken.None);

        Assert.Equal(local.Slug.Key, remote.Slug.Key);
        Assert.Equal(local.Slug.Files, remote.Slug.Files);
        Assert.Equal(builder.Host.Host, remote.Slug.BuildHost);
        Assert.Equal(64, remote.Slug.Sha256.Length);
        Assert.True(File.Exists(Path.Combine(SlugsOnBuildHost, remote.Slug.Key + ".tar.zst")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(BuildRoot, "test", "builds")));

        var fromLocal = Path.Combine(_app.Directory, "x-local");
        var fromRemote = Path.Combine(_app.Directory, "x-remote");
        SlugArchive.Extract(local.Slug.Path, fromLocal);
        SlugArchive.Extract(remote.Slug.Path, fromRemote);
        Assert.Equal(Snapshot(fromLocal), Snapshot(fromRemote));
        Assert.Contains(Snapshot(fromRemote), l => l.StartsWith("bin/tool 755 ", StringComparison.Ordinal));

        var lines = new Lines();
        var again = await Builder().BuildAsync(_app.Request(_app.Commit(message: "same tree")), lines, CancellationToken.None);
        Assert.True(again.Slug.Reused);
        Assert.Equal(remote.Slug.Key, again.Slug.Key);
        Assert.DoesNotContain(lines.All, l => l.StartsWith("Sent commit", StringComparison.Ordinal));
    }

    /// <summary>Every file and folder under <paramref name="root"/>: path, mode, content.</summary>
    private static List<string> Snapshot(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p))
            .Order(StringComparer.Ordinal)
            .Select(r =>
            {
                var full = Path.Combine(root, r);
                var mode = Convert.ToString((int)File.GetUnixFileMode(full), 8);
                return File.Exists(full) ? $"{r} {mode} {File.ReadAllText(full)}" : $"{r}/ {mode}";
            })
            .ToList();

    [Fact]
    public async Task A_failing_build_hook_fails_the_build_with_its_last_lines_and_stores_nothing()
    {
        var commit = _app.Commit(app: TestApp.DefaultApp.Replace("echo \"building $MAGENTO_CLOUD_TREE_ID\"",
            "echo \"first line\"\n    echo \"vendor missing\" >&2\n    echo \"final words\"\n    exit 7"));
        var failure = await Assert.ThrowsAsync<CloudException>(() =>
            Builder().BuildAsync(_app.Request(commit), SilentObserver.Instance, CancellationToken.None));
        Assert.Equal(CloudErrorId.BuildFailed, failure.Id);
        Assert.Contains("exit code 7", failure.Message);
        Assert.Contains("vendor missing", failure.Message);
        Assert.Contains("final words", failure.Message);
        Assert.Empty(Directory.GetFiles(SlugsOnBuildHost));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(BuildRoot, "test", "builds")));
    }

    [Fact]
    public async Task A_connection_dropped_mid_build_leaves_no_slug_and_the_next_build_succeeds()
    {
        var marker = Path.Combine(_app.Directory, "hook-started");
        var commit = _app.Commit(app: TestApp.DefaultApp.Replace("echo \"building $MAGENTO_CLOUD_TREE_ID\"",
            $"if [ ! -e {marker}.done ]; then touch {marker}.done {marker}; sleep 8; fi"));
        using var sshd = SshCluster.StartPrivate(SshCluster.Hosts[0], Path.Combine(_app.Directory, "sshd"));
        var building = Builder(sshd.Address, sshd.KnownHosts).BuildAsync(_app.Request(commit), SilentObserver.Instance, CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(marker) && DateTime.UtcNow < deadline && !building.IsCompleted) await Task.Delay(50);
        Assert.True(File.Exists(marker), "the build hook never started");
        sshd.Kill();
        await Assert.ThrowsAnyAsync<Exception>(() => building);
        await Task.Delay(9000); // the orphaned hook's sleep ends: it must not store anything either
        Assert.Empty(Directory.GetFiles(SlugsOnBuildHost, "*.json"));
        Assert.Empty(Directory.GetFiles(SlugsOnBuildHost, "*.tar.zst"));

        using var back = sshd.Restart();
        var result = await Builder(back.Address, back.KnownHosts).BuildAsync(_app.Request(commit), SilentObserver.Instance, CancellationToken.None);
        Assert.False(result.Slug.Reused);
        Assert.True(File.Exists(Path.Combine(SlugsOnBuildHost, result.Slug.Key + ".json")));
    }

    /// <summary>A project whose master runs on the three hosts and builds on the first.</summary>
    private DeploymentService Project(string root)
    {
        var topology = new StringBuilder()
            .AppendLine("build:")
            .AppendLine($"  host: {SshCluster.Address(SshCluster.Hosts[0])}")
            .AppendLine($"  root: {BuildRoot}")
            .AppendLine($"  deploy_identity_file: {SshCluster.Key}")
            .AppendLine("environments:")
            .AppendLine("  master:")
            .AppendLine("    hosts:");
        foreach (var h in SshCluster.Hosts) topology.AppendLine($"      - {SshCluster.Address(h)}");
        topology.AppendLine($"    root: {SshCluster.HostRootsParent}/{{host}}/{_run}/{{environment}}")
            .AppendLine("    ssh:")
            .AppendLine($"      identity_file: {SshCluster.Key}")
            .AppendLine($"      known_hosts: {SshCluster.KnownHosts}");
        File.WriteAllText(Path.Combine(root, ".magento", "topology.yaml"), topology.ToString());
        return new DeploymentService(root, new StateStore(ProjectRemote.ForWorkingCopy(root)));
    }

    private string RootOn(string host) => Path.Combine(SshCluster.HostRootsParent, SshCluster.Hosts.Contains(host) ? host : host, _run, "master");

    [Fact]
    public async Task A_deploy_sends_the_slug_from_the_build_host_to_each_host_once_checked_there()
    {
        var root = Path.Combine(_app.Directory, "project");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, ".magento.app.yaml"), TestApp.DefaultApp);
        await new ProjectCreator().CreateAsync(root, "test");
        var deployments = Project(root);

        var first = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.True(first.Result == ActivityResult.Success, first.Log);
        Assert.Contains($"built", first.Log);
        Assert.False(Directory.Exists(deployments.Slugs.Directory) && Directory.GetFiles(deployments.Slugs.Directory, "*.json").Length > 0,
            "a slug was built on this machine");
        var projectFolder = Assert.Single(Directory.GetDirectories(BuildRoot));
        var slug = Assert.Single(Directory.GetFiles(Path.Combine(projectFolder, "slugs"), "*.tar.zst"));
        foreach (var host in SshCluster.Hosts)
        {
            Assert.Contains($"sent from {SshCluster.Address(SshCluster.Hosts[0])} to {SshCluster.Address(host)}", first.Log);
            Assert.Equal(File.ReadAllBytes(slug), File.ReadAllBytes(Path.Combine(RootOn(host), "slugs", Path.GetFileName(slug))));
            Assert.Equal("master", File.ReadAllText(Path.Combine(RootOn(host), "current", "generated", "built-for.txt")));
        }
        Assert.Empty(Directory.GetFiles(projectFolder, ".known_hosts-*"));

        // A redeploy of the same slug: every host holds it already and gets nothing.
        var second = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.True(second.Result == ActivityResult.Success, second.Log);
        foreach (var host in SshCluster.Hosts)
            Assert.Contains($"{SshCluster.Address(host)} already holds slug", second.Log);
        Assert.DoesNotContain("sent from", second.Log);

        // Hosts that hold it and hosts that lack it in one deploy: only the latter get it, all get the release.
        foreach (var host in SshCluster.Hosts.Skip(1)) File.Delete(Path.Combine(RootOn(host), "slugs", Path.GetFileName(slug)));
        var mixed = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.True(mixed.Result == ActivityResult.Success, mixed.Log);
        Assert.Contains($"{SshCluster.Address(SshCluster.Hosts[0])} already holds slug", mixed.Log);
        Assert.DoesNotContain($"to {SshCluster.Address(SshCluster.Hosts[0])} and unpacked", mixed.Log);
        foreach (var host in SshCluster.Hosts.Skip(1))
        {
            Assert.Contains($"sent from {SshCluster.Address(SshCluster.Hosts[0])} to {SshCluster.Address(host)}", mixed.Log);
            Assert.Equal(File.ReadAllBytes(slug), File.ReadAllBytes(Path.Combine(RootOn(host), "slugs", Path.GetFileName(slug))));
        }
        foreach (var host in SshCluster.Hosts)
            Assert.Equal("master", File.ReadAllText(Path.Combine(RootOn(host), "current", "generated", "built-for.txt")));

        // A slug damaged on the build host is refused where it lands: its checksum no longer matches, and
        // what was unpacked from the stream on the way never becomes a release.
        var releases = SshCluster.Hosts.ToDictionary(h => h, h => Directory.GetDirectories(Path.Combine(RootOn(h), "releases")).Order().ToList());
        foreach (var host in SshCluster.Hosts) File.Delete(Path.Combine(RootOn(host), "slugs", Path.GetFileName(slug)));
        File.AppendAllText(slug, "damage");
        var third = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.Equal(ActivityResult.Failure, third.Result);
        Assert.Contains("SHA-256 does not match", third.Log);
        foreach (var host in SshCluster.Hosts)
        {
            Assert.Empty(Directory.GetFiles(Path.Combine(RootOn(host), "slugs")));
            Assert.Equal(releases[host], Directory.GetDirectories(Path.Combine(RootOn(host), "releases")).Order().ToList());
        }
    }

    /// <summary>Commits a composer project (flavor composer) whose packages come from <paramref name="repository"/>.</summary>
    private string CommitComposerProject(ComposerRepository repository, string? hook = null)
    {
        var lockFolder = Path.Combine(_app.Directory, "lock");
        Directory.CreateDirectory(lockFolder);
        File.WriteAllText(Path.Combine(lockFolder, "composer.json"), repository.ComposerJson());
        repository.Lock(lockFolder);
        var app = TestApp.DefaultApp.Replace("flavor: none", "flavor: composer");
        if (hook is not null) app = app.Replace("echo \"building $MAGENTO_CLOUD_TREE_ID\"", hook);
        return _app.Commit(app: app, files: new Dictionary<string, string>
        {
            ["composer.json"] = File.ReadAllText(Path.Combine(lockFolder, "composer.json")),
            ["composer.lock"] = File.ReadAllText(Path.Combine(lockFolder, "composer.lock")),
        });
    }

    [Fact]
    public async Task Composer_and_the_build_hook_run_in_one_channel_and_a_failure_names_the_step_that_failed()
    {
        using var repository = new ComposerRepository(Path.Combine(_app.Directory, "composer-repo"));
        // The hook fails after composer install ran: the error names the hook and ends with the hook's lines, not Composer's.
        var commit = CommitComposerProject(repository, hook: "echo \"hook output\"\n    exit 9");
        var lines = new Lines();
        var failure = await Assert.ThrowsAsync<CloudException>(() => Builder().BuildAsync(_app.Request(commit), lines, CancellationToken.None));
        Assert.Equal(CloudErrorId.BuildFailed, failure.Id);
        Assert.StartsWith("The build hook of commit", failure.Message);
        Assert.Contains("exit code 9", failure.Message);
        Assert.Contains("hook output", failure.Message);
        Assert.DoesNotContain("autoload", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, repository.Downloads); // composer install ran first
        Assert.Contains(lines.All, l => l.Contains("Running the build hook on", StringComparison.Ordinal));
        Assert.DoesNotContain(lines.All, l => l.Contains("__mc_step_", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(SlugsOnBuildHost));

        // composer install fails (a composer.json it cannot read): the error names it, and the hook never runs.
        var broken = _app.Commit(app: TestApp.DefaultApp.Replace("flavor: none", "flavor: composer")
                .Replace("echo \"building $MAGENTO_CLOUD_TREE_ID\"", "echo \"hook ran\""),
            files: new Dictionary<string, string> { ["composer.json"] = "{ this is not json" });
        lines = new Lines();
        failure = await Assert.ThrowsAsync<CloudException>(() => Builder().BuildAsync(_app.Request(broken), lines, CancellationToken.None));
        Assert.Equal(CloudErrorId.BuildFailed, failure.Id);
        Assert.StartsWith("composer install of commit", failure.Message);
        Assert.DoesNotContain(lines.All, l => l.Contains("hook ran", StringComparison.Ordinal));
        Assert.DoesNotContain(lines.All, l => l.Contains("Running the build hook", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(SlugsOnBuildHost));
    }

    [Fact]
    public async Task Composer_cache_survives_between_builds_so_an_unchanged_lock_downloads_nothing()
    {
        using var repository = new ComposerRepository(Path.Combine(_app.Directory, "composer-repo"));
        var commit = CommitComposerProject(repository);
        var first = await Builder().BuildAsync(_app.Request(commit), SilentObserver.Instance, CancellationToken.None);
        Assert.Equal(3, repository.Downloads);
        var extracted = Path.Combine(_app.Directory, "x");
        SlugArchive.Extract(first.Slug.Path, extracted);
        Assert.True(File.Exists(Path.Combine(extracted, "vendor", "acme", "tool-b", "data.bin")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(BuildRoot, "test", "cache", "composer"), "*.zip", SearchOption.AllDirectories));

        var lines = new Lines();
        var second = await Builder().BuildAsync(_app.Request(commit, force: true), lines, CancellationToken.None);
        Assert.False(second.Slug.Reused);
        Assert.Equal(3, repository.Downloads); // nothing downloaded again
        Assert.Contains(lines.All, l => l.Contains("vendor/ restored from the build cache", StringComparison.Ordinal));
        var again = Path.Combine(_app.Directory, "x2");
        SlugArchive.Extract(second.Slug.Path, again);
        Assert.Equal(Snapshot(extracted), Snapshot(again));
    }

    [Fact]
    public async Task A_local_build_keeps_its_composer_cache_beside_the_slug_store()
    {
        using var repository = new ComposerRepository(Path.Combine(_app.Directory, "composer-repo"));
        var commit = CommitComposerProject(repository);
        await new SlugBuilder(_app.Store).BuildAsync(_app.Request(commit), SilentObserver.Instance, CancellationToken.None);
        await new SlugBuilder(_app.Store).BuildAsync(_app.Request(commit, force: true), SilentObserver.Instance, CancellationToken.None);
        Assert.Equal(3, repository.Downloads);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_app.Directory, "cache", "composer"), "*.zip", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Dependencies_are_installed_into_the_projects_tools_and_are_on_the_hooks_path()
    {
        using var repository = new ComposerRepository(Path.Combine(_app.Directory, "composer-repo"), packages: 1);
        var home = Path.Combine(_app.Directory, "composer-home");
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, "config.json"), repository.GlobalConfig());
        var commit = _app.Commit(app: TestApp.DefaultApp
            .Replace("hooks:\n", "dependencies:\n  php:\n    acme/tool-a: \"1.0.0\"\nhooks:\n")
            .Replace("echo \"building $MAGENTO_CLOUD_TREE_ID\"", "mkdir -p generated && tool-a > generated/tool.txt"));
        var variables = new Dictionary<string, string> { ["COMPOSER_HOME"] = home };
        var lines = new Lines();
        var built = await Builder().BuildAsync(_app.Request(commit, variables), lines, CancellationToken.None);
        Assert.Contains(lines.All, l => l.Contains("Installing dependencies.php", StringComparison.Ordinal));
        var extracted = Path.Combine(_app.Directory, "x");
        SlugArchive.Extract(built.Slug.Path, extracted);
        Assert.Equal("acme/tool-a 1.0.0", File.ReadAllText(Path.Combine(extracted, "generated", "tool.txt")).Trim());
        Assert.True(File.Exists(Path.Combine(BuildRoot, "test", "tools", "php", "vendor", "bin", "tool-a")));

        var again = new Lines();
        await Builder().BuildAsync(_app.Request(commit, variables, force: true), again, CancellationToken.None);
        Assert.DoesNotContain(again.All, l => l.Contains("Installing dependencies.php", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_registry_for_dependencies_fails_the_build_saying_so()
    {
        var commit = _app.Commit(app: TestApp.DefaultApp.Replace("hooks:\n", "dependencies:\n  nodejs:\n    grunt-cli: \"~1.4\"\nhooks:\n"));
        var variables = new Dictionary<string, string> { ["npm_config_registry"] = "http://127.0.0.1:9/", ["npm_config_fetch_retries"] = "0" };
        var failure = await Assert.ThrowsAsync<CloudException>(() =>
            Builder().BuildAsync(_app.Request(commit, variables), SilentObserver.Instance, CancellationToken.None));
        Assert.Equal(CloudErrorId.BuildFailed, failure.Id);
        Assert.Contains("npm's registry", failure.Message);
        Assert.Contains("unreachable", failure.Message);
        Assert.Empty(Directory.GetFiles(SlugsOnBuildHost));
    }

    public void Dispose()
    {
        _app.Dispose();
        try { Directory.Delete(Path.Combine(SshCluster.HostRootsParent, SshCluster.Hosts[0], _run), recursive: true); } catch (IOException) { }
        foreach (var host in SshCluster.Hosts.Skip(1))
            try { Directory.Delete(Path.Combine(SshCluster.HostRootsParent, host, _run), recursive: true); } catch (IOException) { }
    }
}
