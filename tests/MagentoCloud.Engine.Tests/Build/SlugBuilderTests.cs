using LibGit2Sharp;
using MagentoCloud.Engine.Build;
using MagentoCloud.Engine.Tests.Deploy;

namespace MagentoCloud.Engine.Tests.Build;

public sealed class SlugBuilderTests : IDisposable
{
    private readonly TestApp _app = new();

    [Fact]
    public async Task Build_runs_the_hook_on_a_clean_checkout_and_stores_the_slug()
    {
        var commit = _app.Commit();
        // A change in the working copy that is not committed must never reach the build.
        File.WriteAllText(Path.Combine(_app.RepositoryPath, "index.php"), "uncommitted");
        var result = await new SlugBuilder(_app.Store).BuildAsync(_app.Request(commit), SilentObserver.Instance, CancellationToken.None);

        Assert.False(result.Slug.Reused);
        Assert.Equal(commit, result.Slug.Commit);
        Assert.True(File.Exists(_app.Store.ArchivePath(result.Slug.Key)));
        Assert.Equal(result.Slug.Key, _app.Store.Find(result.Slug.Key)!.Key);
        var extracted = Path.Combine(_app.Directory, "extracted");
        SlugArchive.Extract(result.Slug.Path, extracted);
        Assert.Equal("master", File.ReadAllText(Path.Combine(extracted, "generated", "built-for.txt")));
        Assert.Equal("<?php echo 'hello';\n", File.ReadAllText(Path.Combine(extracted, "index.php")));
    }

    [Fact]
    public async Task Same_tree_and_inputs_reuse_the_slug_and_a_variable_or_force_rebuilds()
    {
        var builder = new SlugBuilder(_app.Store);
        var first = _app.Commit();
        var cold = await builder.BuildAsync(_app.Request(first), SilentObserver.Instance, CancellationToken.None);
        // Another commit with the same tree (a merge, say) reuses the slug.
        var second = _app.Commit(message: "same tree");
        var warm = await builder.BuildAsync(_app.Request(second), SilentObserver.Instance, CancellationToken.None);
        Assert.True(warm.Slug.Reused);
        Assert.Equal(cold.Slug.Key, warm.Slug.Key);

        var withVariable = await builder.BuildAsync(
            _app.Request(second, new Dictionary<string, string> { ["env:COMPOSER_AUTH"] = "x" }), SilentObserver.Instance, CancellationToken.None);
        Assert.False(withVariable.Slug.Reused);
        Assert.NotEqual(cold.Slug.Key, withVariable.Slug.Key);

        var forced = await builder.BuildAsync(_app.Request(second, force: true), SilentObserver.Instance, CancellationToken.None);
        Assert.False(forced.Slug.Reused);
        Assert.Equal(cold.Slug.Key, forced.Slug.Key);
    }

    [Fact]
    public async Task Build_keeps_executable_modes_and_symbolic_links()
    {
        var commit = _app.Commit(files: new Dictionary<string, string> { ["bin/magento"] = "#!/bin/sh\necho ok\n" });
        using (var repository = new Repository(_app.RepositoryPath))
        {
            // Make bin/magento executable and add a link, in Git itself.
            var tree = repository.Head.Tip.Tree;
            var definition = TreeDefinition.From(tree);
            var blob = (Blob)tree["bin/magento"].Target;
            definition.Add("bin/magento", blob, Mode.ExecutableFile);
            definition.Add("pub/index.php", repository.ObjectDatabase.CreateBlob(new MemoryStream("../index.php"u8.ToArray())), Mode.SymbolicLink);
            var newTree = repository.ObjectDatabase.CreateTree(definition);
            var signature = new Signature("Test", "test@example.com", DateTimeOffset.Now);
            commit = repository.ObjectDatabase.CreateCommit(signature, signature, "modes", newTree, [repository.Head.Tip], false).Sha;
        }
        var result = await new SlugBuilder(_app.Store).BuildAsync(_app.Request(commit), SilentObserver.Instance, CancellationToken.None);
        var extracted = Path.Combine(_app.Directory, "extracted");
        SlugArchive.Extract(result.Slug.Path, extracted);

        Assert.True(File.GetUnixFileMode(Path.Combine(extracted, "bin", "magento")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.GetUnixFileMode(Path.Combine(extracted, "index.php")).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal("../index.php", new FileInfo(Path.Combine(extracted, "pub", "index.php")).LinkTarget);
    }

    [Fact]
    public async Task Failing_build_hook_stores_no_slug_and_says_which_commit()
    {
        var commit = _app.Commit(TestApp.DefaultApp.Replace("echo \"building $MAGENTO_CLOUD_TREE_ID\"", "echo broken >&2; exit 3"));
        var error = await Assert.ThrowsAsync<CloudException>(() =>
            new SlugBuilder(_app.Store).BuildAsync(_app.Request(commit), SilentObserver.Instance, CancellationToken.None));
        Assert.Equal(CloudErrorId.BuildFailed, error.Id);
        Assert.Contains("exit code 3", error.Message);
        Assert.Contains("broken", error.Message);
        Assert.Empty(Directory.GetFiles(_app.Store.Directory));
    }

    [Fact]
    public async Task Composer_flavor_without_composer_says_how_to_fix_it()
    {
        var commit = _app.Commit(TestApp.DefaultApp.Replace("flavor: none", "flavor: composer"),
            new Dictionary<string, string> { ["composer.json"] = "{}" });
        // Where Composer is installed the build simply runs it; this holds the message where it is not.
        if ((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "composer")))) return;
        var error = await Assert.ThrowsAsync<CloudException>(() =>
            new SlugBuilder(_app.Store).BuildAsync(_app.Request(commit), SilentObserver.Instance, CancellationToken.None));
        Assert.Contains("Install Composer", error.Message);
        Assert.Equal(CloudErrorId.BuildToolMissing, error.Id);
    }

    [Fact]
    public async Task Concurrent_builders_of_one_key_leave_one_valid_slug()
    {
        var commit = _app.Commit();
        var builder = new SlugBuilder(_app.Store);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => builder.BuildAsync(_app.Request(commit, force: true), SilentObserver.Instance, CancellationToken.None))));
        Assert.Single(results.Select(r => r.Slug.Key).Distinct());
        Assert.True(SlugArchive.Verify(results[0].Slug.Path) > 0);
        Assert.Equal(2, Directory.GetFiles(_app.Store.Directory).Length); // archive and record, no leftovers
    }

    [Fact]
    public void Key_is_stable_and_ignores_variable_order()
    {
        var a = SlugKey.Compute("abc123", "name: app", new Dictionary<string, string> { ["x"] = "1", ["y"] = "2" });
        var b = SlugKey.Compute("abc123", "name: app", new Dictionary<string, string> { ["y"] = "2", ["x"] = "1" });
        Assert.Equal(a, b);
        Assert.Matches("^[0-9a-f]{64}$", a);
        Assert.NotEqual(a, SlugKey.Compute("abc124", "name: app", new Dictionary<string, string> { ["x"] = "1", ["y"] = "2" }));
    }

    public void Dispose() => _app.Dispose();
}
