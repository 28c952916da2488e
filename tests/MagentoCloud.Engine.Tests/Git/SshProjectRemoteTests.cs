using LibGit2Sharp;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Tests.Git;

/// <summary>
/// The project remote over SSH against the loopback sshd. The client side is LibGit2Sharp with the
/// SSH.NET subtransport only: the engine starts no git process (it has no code that could); git's
/// upload-pack and receive-pack run on the host, as they would on a real Git server.
/// </summary>
// Shares the pooled SSH connections (HostConnections) with the other tests of the services: never in parallel with them.
[Collection(Infrastructure.TestServicesCollection.Name)]
public sealed class SshProjectRemoteTests
{
    [Fact]
    public async Task The_server_checks_what_git_push_brings_even_on_a_remote_made_before_the_checks()
    {
        var path = SshGitServer.NewRepositoryPath();
        var root = await SshGitServer.CreateProjectAsync(SshGitServer.UrlFor(path));
        static bool? Checks(string repository)
        {
            using var server = new Repository(repository);
            return server.Config.Get<bool>("receive.fsckObjects", ConfigurationLevel.Local)?.Value;
        }
        try
        {
            Assert.True(Checks(path));
            // A remote as made before the checks, and a working copy whose mirror has not seen it yet.
            using (var server = new Repository(path)) server.Config.Unset("receive.fsckObjects", ConfigurationLevel.Local);
            Directory.Delete(ProjectRemote.MirrorPath(root), recursive: true);
            Assert.Null(Checks(path));

            Workspace.Open(root).Environments.List();
            Assert.True(Checks(path));
        }
        finally
        {
            SshGitServer.Delete(root);
            SshGitServer.Delete(path);
        }
    }

    [Fact]
    public async Task Project_over_ssh_is_created_branched_pushed_merged_and_listed()
    {
        var path = SshGitServer.NewRepositoryPath();
        var root = await SshGitServer.CreateProjectAsync(SshGitServer.UrlFor(path));
        try
        {
            var workspace = Workspace.Open(root);
            Assert.True(workspace.State.Remote.IsSsh);
            Assert.Equal(["master", "production", "staging"], workspace.Environments.List().Select(e => e.Name).Order());

            await workspace.Environments.BranchAsync("feature");
            // Push-CloudBranch: a local commit on feature goes up over SSH.
            var local = CommitLocal(root, "feature", "master", "feature.txt", "new\n");
            await workspace.Environments.PushAsync("feature");
            var merge = await workspace.Environments.MergeAsync("feature");
            Assert.Equal(ActivityResult.Success, merge.Result);

            using (var server = new Repository(path))
            {
                Assert.Equal(local, server.Branches["feature"].Tip.Sha);
                Assert.Equal(local, server.Branches["master"].Tip.Sha); // fast-forwarded on the server itself
                Assert.NotNull(server.Refs[ProjectRemote.StateRef]);
                Assert.Empty(server.Refs.FromGlob("refs/cloud-incoming/*"));
            }
            // Lists read the mirror: fetched once per workspace (and once after a push, for its objects).
            var fetches = workspace.State.Remote.Fetches;
            Assert.Equal(2, fetches);
            workspace.Environments.List();
            workspace.Environments.Get("feature");
            Assert.Equal(fetches, workspace.State.Remote.Fetches);

            var fresh = Workspace.Open(root);
            Assert.Equal(EnvironmentStatus.Active, fresh.Environments.Get("feature").Status);
            Assert.Equal(local, fresh.Environments.Get("master").HeadCommit);
        }
        finally
        {
            SshGitServer.Delete(root);
            SshGitServer.Delete(path);
        }
    }

    [Fact]
    public async Task A_connection_dropped_after_the_server_took_a_state_update_is_not_an_error_and_the_update_is_kept()
    {
        var path = SshGitServer.NewRepositoryPath();
        var root = await SshGitServer.CreateProjectAsync(SshGitServer.UrlFor(path));
        var dropped = Path.Combine(path, "dropped-once");
        // Once the ref moved (git's reference-transaction hook, "committed"), the server ends the SSH
        // connection that carried it (its sshd session process), once: the client never reads the verdict.
        var hook = Path.Combine(path, "hooks", "reference-transaction");
        File.WriteAllText(hook, $"""
            #!/bin/sh
            cat >/dev/null
            [ "$1" = committed ] || exit 0
            [ -e '{dropped}' ] && exit 0
            touch '{dropped}'
            p=$$
            while [ "$p" -gt 1 ]; do
              case "$(cat /proc/$p/comm)" in sshd*) kill -9 "$p"; exit 0;; esac
              p=$(cut -d' ' -f4 /proc/$p/stat)
            done
            """.Replace("\r", ""));
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            await Workspace.Open(root).Variables.SetAsync("after_drop", "kept");

            Assert.True(File.Exists(dropped), "the hook did not drop the connection: the test proves nothing");
            Assert.Contains("after_drop", Workspace.Open(root).Variables.Get().Select(v => v.Name));
        }
        finally
        {
            SshGitServer.Delete(root);
            SshGitServer.Delete(path);
        }
    }

    [Fact]
    public async Task Concurrent_state_updates_from_two_workspaces_over_ssh_lose_no_update()
    {
        var path = SshGitServer.NewRepositoryPath();
        var url = SshGitServer.UrlFor(path);
        var first = await SshGitServer.CreateProjectAsync(url);
        var second = SshGitServer.CloneWorkingCopy(url); // another machine: its own working copy and mirror
        try
        {
            var a = Workspace.Open(first);
            var b = Workspace.Open(second);
            var writes = Enumerable.Range(0, 3).SelectMany(i => new[]
            {
                a.Variables.SetAsync($"a{i}", "x"),
                b.Variables.SetAsync($"b{i}", "y"),
            });
            await Task.WhenAll(writes);

            var names = Workspace.Open(first).Variables.Get().Select(v => v.Name).ToHashSet();
            for (var i = 0; i < 3; i++)
            {
                Assert.Contains($"a{i}", names);
                Assert.Contains($"b{i}", names);
            }
        }
        finally
        {
            SshGitServer.Delete(first);
            SshGitServer.Delete(second);
            SshGitServer.Delete(path);
        }
    }

    [Fact]
    public async Task Sensitive_value_set_on_one_machine_is_read_on_another_with_the_key_and_is_not_in_the_servers_history()
    {
        var path = SshGitServer.NewRepositoryPath();
        var url = SshGitServer.UrlFor(path);
        var first = await SshGitServer.CreateProjectAsync(url);
        var second = SshGitServer.CloneWorkingCopy(url);
        string? projectId = null;
        try
        {
            var a = Workspace.Open(first);
            projectId = a.State.Read(s => s.Project!.Id);
            var old = "old-" + Guid.NewGuid().ToString("N");
            var secret = "secret-" + Guid.NewGuid().ToString("N");
            await a.Variables.SetAsync("env:DB_PASSWORD", old, "master", settings: new VariableSettings { Sensitive = true });
            await a.Variables.SetAsync("env:DB_PASSWORD", secret, "master");
            // The other machine shares the key file here (the same user); on a real team it is handed over.
            Assert.Equal(secret, Workspace.Open(second).Variables.GetHookEnvironment("master", VariablePhase.Runtime)["DB_PASSWORD"]);
            using var server = new Repository(path);
            Assert.NotNull(server.Refs[ProjectRemote.SecretsRef]);
            var reachable = server.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = server.Refs.Select(r => r.CanonicalName).ToList() })
                .SelectMany(c => Files(c.Tree)).ToList();
            Assert.DoesNotContain(reachable, text => text.Contains(old) || text.Contains(secret));
        }
        finally
        {
            Environments.TestProject.DeleteKeys(projectId);
            SshGitServer.Delete(first);
            SshGitServer.Delete(second);
            SshGitServer.Delete(path);
        }
    }

    private static IEnumerable<string> Files(Tree tree) => tree.SelectMany(e => e.Target switch
    {
        Tree sub => Files(sub),
        Blob blob => [blob.GetContentText()],
        _ => [],
    });

    [Fact]
    public async Task Update_with_a_stale_expected_id_is_refused_by_the_server_and_changes_nothing()
    {
        var path = SshGitServer.NewRepositoryPath();
        var root = await SshGitServer.CreateProjectAsync(SshGitServer.UrlFor(path));
        try
        {
            var remote = ProjectRemote.ForWorkingCopy(root);
            var master = remote.GetBranchHead("master")!;
            string stale;
            using (var server = new Repository(path))
                stale = server.Branches["master"].Tip.Tree.Sha; // any id that master is not at
            Assert.False(await remote.TryMoveRefAsync("refs/heads/staging", stale, master, "test", default));
            // A lost race fetched again, so the caller re-reads what the winner wrote.
            Assert.Equal(2, remote.Fetches);
            Assert.True(await remote.TryCreateBranchAsync("one", master, default));
            Assert.False(await remote.TryCreateBranchAsync("one", master, default)); // exists: create is refused
            Assert.True(await remote.TryDeleteBranchAsync("one", master, default));
            using var check = new Repository(path);
            Assert.Null(check.Branches["one"]);
        }
        finally
        {
            SshGitServer.Delete(root);
            SshGitServer.Delete(path);
        }
    }

    [Fact]
    public async Task Unknown_host_key_is_refused_with_HostKeyUnknown()
    {
        var path = SshGitServer.NewRepositoryPath();
        Repository.Init(path, isBare: true);
        var emptyKnownHosts = Path.Combine(Path.GetTempPath(), "mc-known-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(emptyKnownHosts, "");
        var settings = new SshSettings(SshGitServer.Settings.IdentityFile, emptyKnownHosts);
        var root = SshGitServer.NewWorkingCopyFolder(SshGitServer.UrlFor(path), settings);
        try
        {
            var remote = ProjectRemote.Open(SshGitServer.UrlFor(path), root);
            var e = Assert.Throws<CloudException>(() => remote.GetBranchHeads());
            Assert.Equal(CloudErrorId.HostKeyUnknown, e.Id);
            Assert.Equal("", File.ReadAllText(emptyKnownHosts)); // nothing was trusted on the way
        }
        finally
        {
            File.Delete(emptyKnownHosts);
            SshGitServer.Delete(root);
            SshGitServer.Delete(path);
        }
    }

    [Fact]
    public async Task Hostile_repository_path_is_quoted_for_the_host_shell()
    {
        var folder = Path.Combine(SshGitServer.HostRoot, "git", "q-" + Guid.NewGuid().ToString("N")[..8]);
        var canary = Path.Combine(folder, "pwned");
        var path = Path.Combine(folder, $"it's a $(touch {canary}) `touch {canary}`; touch {canary}.git");
        Directory.CreateDirectory(folder);
        var url = "ssh://" + SshGitServer.User + "@127.0.0.1:" + SshGitServer.Port + Uri.EscapeDataString(path).Replace("%2F", "/");
        var root = await SshGitServer.CreateProjectAsync(url);
        try
        {
            var workspace = Workspace.Open(root);
            await workspace.Environments.BranchAsync("feature");
            using (var server = new Repository(path))
                Assert.NotNull(server.Branches["feature"]);
            Assert.False(File.Exists(canary));
        }
        finally
        {
            SshGitServer.Delete(root);
            SshGitServer.Delete(folder);
        }
    }

    [Fact]
    public void Ssh_urls_parse_to_host_and_path()
    {
        var url = GitSshUrl.Parse("ssh://deploy@git.example.com:2222/srv/git/shop.git");
        Assert.Equal(new SshHost("deploy", "git.example.com", 2222), url.Host);
        Assert.Equal("/srv/git/shop.git", url.Path);
        Assert.Equal("shop.git", GitSshUrl.Parse("ssh://deploy@git.example.com/~/shop.git").Path);
        Assert.Equal("repos/shop.git", GitSshUrl.Parse("deploy@git.example.com:repos/shop.git").Path);
        Assert.False(GitSshUrl.IsSsh("/srv/git/shop.git"));
        Assert.False(GitSshUrl.IsSsh("./a@b:c"));
    }

    private static string CommitLocal(string root, string branch, string from, string file, string text)
    {
        using var repo = new Repository(root);
        var b = repo.Branches[branch] ?? repo.Branches.Add(branch, repo.Branches[from].Tip);
        Commands.Checkout(repo, b, new CheckoutOptions { CheckoutModifiers = CheckoutModifiers.Force });
        File.WriteAllText(Path.Combine(root, file), text);
        Commands.Stage(repo, file);
        var signature = new Signature("Test", "test@example.com", DateTimeOffset.Now);
        return repo.Commit("Change " + file, signature, signature).Sha;
    }
}
