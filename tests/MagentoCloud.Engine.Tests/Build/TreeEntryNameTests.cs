using System.Diagnostics;
using LibGit2Sharp;
using MagentoCloud.Engine.Build;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;
using MagentoCloud.Engine.Tests.Deploy;

namespace MagentoCloud.Engine.Tests.Build;

public sealed class TreeEntryNameTests : IDisposable
{
    private readonly TestApp _app = new();
    private readonly string _outside = Directory.CreateTempSubdirectory("mc-outside-").FullName;

    private Commit Hostile(params string[] names)
    {
        var parent = _app.Commit();
        using var repository = new Repository(_app.RepositoryPath);
        return HostileTree.Commit(repository, repository.Lookup<Commit>(parent), names);
    }

    [Fact]
    public async Task Build_refuses_entry_names_that_climb_out_or_are_absolute_and_writes_nothing_outside_its_checkout()
    {
        // The checkout is a fresh folder in the temporary folder, where _outside lives too.
        var climbing = $"../{Path.GetFileName(_outside)}/climbed";
        var absolute = $"{_outside}/absolute";
        foreach (var name in new[] { climbing, absolute })
        {
            var commit = Hostile(name);
            var e = await Assert.ThrowsAsync<CloudException>(() =>
                new SlugBuilder(_app.Store).BuildAsync(_app.Request(commit.Sha), SilentObserver.Instance, CancellationToken.None));
            Assert.Equal(CloudErrorId.TreeEntryUnsafe, e.Id);
            Assert.Contains(name, e.Message);
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(_outside));
    }

    [Theory]
    [InlineData(".git")]
    [InlineData(".GIT")]
    [InlineData(".Git.")]
    [InlineData("..")]
    [InlineData(".")]
    public async Task Build_refuses_dot_and_git_entry_names(string name)
    {
        var commit = Hostile(name);
        var e = await Assert.ThrowsAsync<CloudException>(() =>
            new SlugBuilder(_app.Store).BuildAsync(_app.Request(commit.Sha), SilentObserver.Instance, CancellationToken.None));
        Assert.Equal(CloudErrorId.TreeEntryUnsafe, e.Id);
        Assert.False(Directory.Exists(_app.Store.Directory) && Directory.EnumerateFiles(_app.Store.Directory, "*.tar.zst").Any());
    }

    [Fact]
    public async Task Push_refuses_a_hostile_tree_and_the_remote_refuses_it_from_git_push_too()
    {
        var root = Path.Combine(_app.Directory, "project");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, ".magento.app.yaml"), "name: app\ntype: php:8.3\n");
        await new ProjectCreator().CreateAsync(root, "Shop");
        var remote = ProjectRemote.ForWorkingCopy(root);
        string hostile;
        using (var local = new Repository(root))
        {
            hostile = HostileTree.Commit(local, local.Head.Tip, "../../escaped").Sha;
            local.Refs.Add("refs/heads/evil", new ObjectId(hostile));
        }

        var e = await Assert.ThrowsAsync<CloudException>(() => remote.PushFromAsync(root, "evil", "evil", CancellationToken.None));
        Assert.Equal(CloudErrorId.TreeEntryUnsafe, e.Id);
        using (var repository = new Repository(remote.GitDirectory))
        {
            Assert.Null(repository.Branches["evil"]);
            Assert.Null(repository.Lookup(hostile)); // nothing was sent
        }

        // git push straight into the project remote: its receive-pack checks the objects (fsck).
        var push = Process.Start(new ProcessStartInfo("git", ["-C", root, "push", "origin", "evil:refs/heads/evil"])
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        })!;
        var error = await push.StandardError.ReadToEndAsync();
        await push.WaitForExitAsync();
        Assert.NotEqual(0, push.ExitCode);
        using (var repository = new Repository(remote.GitDirectory))
            Assert.Null(repository.Branches["evil"]);
        Assert.Contains("evil", error);
    }

    [Fact]
    public void A_remote_made_before_the_receive_checks_gets_them_when_opened()
    {
        var path = Path.Combine(_app.Directory, "old-remote.git");
        Repository.Init(path, isBare: true);
        ProjectRemote.Open(path);
        using var repository = new Repository(path);
        Assert.True(repository.Config.Get<bool>("receive.fsckObjects", ConfigurationLevel.Local)?.Value);
    }

    public void Dispose()
    {
        _app.Dispose();
        try { Directory.Delete(_outside, recursive: true); } catch (IOException) { }
    }
}
