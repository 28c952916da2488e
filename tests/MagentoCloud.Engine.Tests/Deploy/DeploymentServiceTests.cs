using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;

namespace MagentoCloud.Engine.Tests.Deploy;

public sealed class DeploymentServiceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mc-deploysvc-").FullName;

    private async Task<(DeploymentService Deployments, StateStore Store)> CreateAsync()
    {
        File.WriteAllText(Path.Combine(_root, ".magento.app.yaml"), TestApp.DefaultApp);
        await new ProjectCreator().CreateAsync(_root, "Shop");
        var store = new StateStore(ProjectRemote.ForWorkingCopy(_root));
        return (new DeploymentService(_root, store), store);
    }

    [Fact]
    public async Task Deploy_records_a_complete_activity_with_steps_and_the_deployed_commit()
    {
        var (deployments, store) = await CreateAsync();
        var activity = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);

        Assert.Equal(ActivityResult.Success, activity.Result);
        Assert.Equal(ActivityType.Redeploy, activity.Type);
        Assert.Equal(DeployPipeline.Steps.Select(s => s.Name), activity.Steps.Select(s => s.Name));
        Assert.Contains("deploying in", activity.Log);
        var master = new EnvironmentService(store, _root).Get("master");
        Assert.Equal(master.HeadCommit, master.DeployedCommit);
        Assert.NotNull(master.DeployedAt);
        Assert.Equal(EnvironmentStatus.Active, master.Status);
        var current = Path.Combine(_root, ".magento", "local", "environments", "master", "current", "index.php");
        Assert.False(File.Exists(current)); // the template app has no index.php; the release is there though
        Assert.True(Directory.Exists(Path.GetDirectoryName(current)));

        var results = await deployments.InvokeCommandAsync("master", "echo \"$MAGENTO_CLOUD_ENVIRONMENT\"; exit 4", false, SilentObserver.Instance, CancellationToken.None);
        var result = Assert.Single(results);
        Assert.Equal("master\n", result.Output);
        Assert.Equal(4, result.ExitCode);
    }

    [Fact]
    public async Task Commands_are_refused_on_an_inactive_environment_even_with_a_release_left()
    {
        var (deployments, store) = await CreateAsync();
        var environments = new EnvironmentService(store, _root);
        await environments.BranchAsync("sleepy");
        Assert.Equal(ActivityResult.Success, (await deployments.DeployAsync("sleepy", null, SilentObserver.Instance, CancellationToken.None)).Result);
        await environments.DeactivateAsync("sleepy");

        var e = await Assert.ThrowsAsync<CloudException>(() =>
            deployments.InvokeCommandAsync("sleepy", "touch ran", false, SilentObserver.Instance, CancellationToken.None));

        Assert.Equal(CloudErrorId.EnvironmentInactive, e.Id);
        Assert.Contains("Enable-CloudEnvironment", e.Message);
        Assert.False(File.Exists(Path.Combine(_root, ".magento", "local", "environments", "sleepy", "current", "ran")));
    }

    [Fact]
    public async Task Routes_and_relationships_come_from_the_deployed_commit_not_the_working_copy()
    {
        var (deployments, _) = await CreateAsync();
        // Uncommitted edits in the working copy: a new route and a relationship to a database.
        Directory.CreateDirectory(Path.Combine(_root, ".magento"));
        File.WriteAllText(Path.Combine(_root, ".magento", "routes.yaml"), "\"http://{default}/uncommitted/\":\n    type: upstream\n    upstream: \"app:http\"\n");
        File.WriteAllText(Path.Combine(_root, ".magento.app.yaml"), TestApp.DefaultApp + "\nrelationships:\n    database: \"mysql:mysql\"\n");

        var activity = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.True(activity.Result == ActivityResult.Success, activity.Log);
        var routes = await deployments.InvokeCommandAsync("master", "printf %s \"$MAGENTO_CLOUD_ROUTES\" | base64 -d", false,
            SilentObserver.Instance, CancellationToken.None);
        Assert.DoesNotContain("uncommitted", routes[0].Output);
        var relationships = await deployments.InvokeCommandAsync("master", "printf %s \"$MAGENTO_CLOUD_RELATIONSHIPS\" | base64 -d", false,
            SilentObserver.Instance, CancellationToken.None);
        Assert.Equal("{}", relationships[0].Output); // the commit has no relationships: no database was started
        Assert.False(Directory.Exists(Path.Combine(_root, ".magento", "local", "mysql")));
    }

    [Fact]
    public async Task Failed_deploy_is_a_failed_activity_naming_the_step()
    {
        var (deployments, store) = await CreateAsync();
        await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        // Pin a commit whose deploy hook fails, straight in the project remote.
        var remote = ProjectRemote.ForWorkingCopy(_root);
        using (var repo = new LibGit2Sharp.Repository(remote.GitDirectory))
        {
            var head = repo.Branches["master"].Tip;
            var definition = LibGit2Sharp.TreeDefinition.From(head.Tree);
            definition.Add(".magento.app.yaml", repo.ObjectDatabase.CreateBlob(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
                TestApp.DefaultApp.Replace("echo \"deploying in $PWD\"", "exit 9")))), LibGit2Sharp.Mode.NonExecutableFile);
            var signature = new LibGit2Sharp.Signature("T", "t@example.com", DateTimeOffset.Now);
            var bad = repo.ObjectDatabase.CreateCommit(signature, signature, "bad", repo.ObjectDatabase.CreateTree(definition), [head], false);
            var activity = await deployments.DeployAsync("master", bad.Sha, SilentObserver.Instance, CancellationToken.None);
            Assert.Equal(ActivityResult.Failure, activity.Result);
            Assert.Contains(activity.Steps, s => s.Name == "RunDeployHook" && s.Result == ActivityResult.Failure);
            Assert.Contains("failed at RunDeployHook", activity.Log);
            Assert.Contains("is still live", activity.Log);
            Assert.Equal(head.Sha, new EnvironmentService(store, _root).Get("master").DeployedCommit);
        }
    }

    [Fact]
    public async Task Undo_switches_back_marks_the_abandoned_release_bad_and_says_the_database_stays()
    {
        var (deployments, _) = await CreateAsync();
        await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        var first = (await deployments.GetReleasesAsync("master", CancellationToken.None)).Single();
        await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);

        var undo = await deployments.UndoAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.Equal(ActivityResult.Success, undo.Result);
        Assert.Contains("database was not rolled back", undo.Log);
        var releases = await deployments.GetReleasesAsync("master", CancellationToken.None);
        Assert.Equal(first.Id, releases.Single(r => r.IsCurrent).Id);
        Assert.True(releases.Single(r => r.Id != first.Id).IsBad);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
