using LibGit2Sharp;
using MagentoCloud.Engine.Build;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;

namespace MagentoCloud.Engine.Tests.Deploy;

/// <summary>
/// A deploy takes the pushed commit's project files as untrusted: they are checked with
/// Test-CloudProject's rules before any step changes a host, and what a build hook left in the slug
/// is made safe before it goes live. Real deploys on the local default.
/// </summary>
public sealed class DeployProjectFilesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mc-untrusted-").FullName;

    private string EnvironmentRoot => Path.Combine(_root, ".magento", "local", "environments", "master");

    private async Task<DeploymentService> CreateAsync()
    {
        File.WriteAllText(Path.Combine(_root, ".magento.app.yaml"), TestApp.DefaultApp);
        await new ProjectCreator().CreateAsync(_root, "Shop");
        return new DeploymentService(_root, new StateStore(ProjectRemote.ForWorkingCopy(_root)));
    }

    /// <summary>Commits <paramref name="app"/> as .magento.app.yaml on master, straight in the project remote (as a push would).</summary>
    private string Pin(string app)
    {
        using var repo = new Repository(ProjectRemote.ForWorkingCopy(_root).GitDirectory);
        var head = repo.Branches["master"].Tip;
        var definition = TreeDefinition.From(head.Tree);
        definition.Add(".magento.app.yaml", repo.ObjectDatabase.CreateBlob(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(app))), Mode.NonExecutableFile);
        var signature = new Signature("Pusher", "pusher@example.com", DateTimeOffset.Now);
        var commit = repo.ObjectDatabase.CreateCommit(signature, signature, "pushed", repo.ObjectDatabase.CreateTree(definition), [head], false);
        repo.Refs.UpdateTarget(repo.Refs["refs/heads/master"], commit.Id);
        return commit.Sha;
    }

    private static string WithMounts(string mounts) =>
        TestApp.DefaultApp.Replace("""
              var: "shared:files/var"
              "pub/media": "shared:files/media"
            """, mounts);

    private async Task<CloudException> RefusedAsync(DeploymentService deployments, string app)
    {
        var commit = Pin(app);
        var e = await Assert.ThrowsAsync<CloudException>(() => deployments.DeployAsync("master", commit, SilentObserver.Instance, CancellationToken.None));
        Assert.Equal(CloudErrorId.ProjectInvalid, e.Id);
        Assert.Contains(".magento.app.yaml:", e.Message);
        Assert.False(Directory.Exists(Path.Combine(EnvironmentRoot, "releases")), "no host was changed");
        var activity = new ActivityService(new StateStore(ProjectRemote.ForWorkingCopy(_root))).List("master").First();
        Assert.Equal(ActivityResult.Failure, activity.Result);
        return e;
    }

    [Fact]
    public async Task A_mount_path_that_climbs_out_is_refused_before_any_host_changes_and_its_target_survives()
    {
        var deployments = await CreateAsync();
        // releases/<id>/../../../victim is a folder beside the environment's root.
        var victim = Path.Combine(_root, ".magento", "local", "environments", "victim");
        Directory.CreateDirectory(victim);
        File.WriteAllText(Path.Combine(victim, "keep.txt"), "mine");

        var e = await RefusedAsync(deployments, WithMounts("""
              "../../../victim": "shared:files/var"
            """));
        Assert.Contains("../../../victim", e.Message);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(victim, "keep.txt")));
        Assert.Null(new DirectoryInfo(victim).LinkTarget);
    }

    [Theory]
    [InlineData("var: \"shared:files/../../../victim2\"")]
    [InlineData("var: { source: local, source_path: \"../../../victim2\" }")]
    [InlineData("var: \"shared:files//tmp/victim2\"")]
    [InlineData("var: { source: local, source_path: /tmp/victim2 }")]
    public async Task A_mount_source_outside_the_shared_files_is_refused(string mount)
    {
        var deployments = await CreateAsync();
        var e = await RefusedAsync(deployments, WithMounts("  " + mount + "\n"));
        Assert.Contains("source of mount 'var'", e.Message);
        Assert.False(Directory.Exists(Path.Combine(_root, ".magento", "local", "victim2")));
    }

    [Fact]
    public async Task Crons_and_mounts_of_the_wrong_shape_fail_with_their_place_before_the_switch()
    {
        var deployments = await CreateAsync();
        var crons = await RefusedAsync(deployments, TestApp.DefaultApp.Replace("""
              cleanup:
                spec: "*/5 * * * *"
                cmd: "echo tick"
            """, """
              heartbeat: "*/5 * * * *"
            """));
        Assert.Contains("crons.heartbeat must be a mapping", crons.Message);
        Assert.False(File.Exists(Path.Combine(EnvironmentRoot, "current")) || Directory.Exists(Path.Combine(EnvironmentRoot, "current")));

        var mounts = await RefusedAsync(deployments, WithMounts("""
              var: [a, b]
            """));
        Assert.Contains("mount 'var'", mounts.Message);
        Assert.DoesNotContain("JsonObject", mounts.Message);
    }

    [Fact]
    public async Task Setuid_setgid_sticky_and_world_writable_modes_never_reach_a_release()
    {
        var deployments = await CreateAsync();
        var commit = Pin(TestApp.DefaultApp.Replace("echo \"building $MAGENTO_CLOUD_TREE_ID\"",
            "cp /bin/true suid-tool && chmod 4755 suid-tool && mkdir -p open && chmod 2777 open && touch open/f && chmod 1666 open/f"));
        var first = await deployments.DeployAsync("master", commit, SilentObserver.Instance, CancellationToken.None);
        Assert.True(first.Result == ActivityResult.Success, first.Log);

        // Made: the slug's archive carries none of the modes.
        var slug = Directory.EnumerateFiles(deployments.Slugs.Directory, "*.tar.zst").Single();
        Assert.All(SlugEntries.Read(slug), e => Assert.Equal((UnixFileMode)0, e.Mode & SlugArchive.UnsafeModes));
        Assert.Empty(SlugEntries.UnsafeModes(Path.Combine(EnvironmentRoot, "current")));

        // Unpacked: a slug that carries them anyway (made elsewhere, or before this fix) is stripped on the host.
        SlugEntries.RewriteModes(slug, mode => mode | UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.OtherWrite);
        var second = await deployments.DeployAsync("master", commit, SilentObserver.Instance, CancellationToken.None);
        Assert.True(second.Result == ActivityResult.Success, second.Log);
        Assert.Contains("reused", second.Log);
        Assert.Empty(SlugEntries.UnsafeModes(Path.Combine(EnvironmentRoot, "current")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, File.GetUnixFileMode(Path.Combine(EnvironmentRoot, "current", "suid-tool")));
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
