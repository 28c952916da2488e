using System.Text.Json.Nodes;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;

namespace MagentoCloud.Engine.Tests.Deploy;

/// <summary>Release ids come back from hosts and from users: a hostile one names nothing and runs nothing.</summary>
public sealed class HostileReleaseIdTests : IDisposable
{
    /// <summary>Run in the environment root, this would leave the file <c>p</c> there.</summary>
    public const string Hostile = "x;touch p;";

    private readonly string _root = Directory.CreateTempSubdirectory("mc-releaseids-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string EnvironmentRoot => Path.Combine(_root, ".magento", "local", "environments", "master");

    /// <summary>Adds a release entry with <paramref name="id"/>, older than every other, to a host's releases.json.</summary>
    internal static void AddRelease(string environmentRoot, string id)
    {
        var path = Path.Combine(environmentRoot, DeployHost.ReleasesFile);
        var releases = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        releases.Add(new JsonObject
        {
            ["Id"] = id, ["Commit"] = new string('0', 40), ["SlugId"] = "s", ["CreatedAt"] = DateTimeOffset.Now.AddDays(-1), ["IsBad"] = false,
        });
        File.WriteAllText(path, releases.ToJsonString());
    }

    [Fact]
    public async Task Rollback_refuses_a_hostile_release_id_given_or_read_from_the_host_and_runs_nothing()
    {
        File.WriteAllText(Path.Combine(_root, ".magento.app.yaml"), TestApp.DefaultApp);
        await new ProjectCreator().CreateAsync(_root, "Shop");
        var deployments = new DeploymentService(_root, new StateStore(ProjectRemote.ForWorkingCopy(_root)));
        Assert.Equal(ActivityResult.Success, (await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None)).Result);
        var first = new FileInfo(Path.Combine(EnvironmentRoot, DeployHost.CurrentLink)).LinkTarget;
        Assert.Equal(ActivityResult.Success, (await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None)).Result);
        AddRelease(EnvironmentRoot, Hostile);
        var proof = Path.Combine(EnvironmentRoot, "p");

        var given = await Assert.ThrowsAsync<CloudException>(() => deployments.UndoAsync("master", Hostile, SilentObserver.Instance, CancellationToken.None));
        Assert.Equal(CloudErrorId.InvalidArgument, given.Id);
        Assert.Contains("is not a release id", given.Message);
        Assert.DoesNotContain(await deployments.GetReleasesAsync("master", CancellationToken.None), r => r.Id == Hostile);
        var undo = await deployments.UndoAsync("master", null, SilentObserver.Instance, CancellationToken.None);

        Assert.Equal(ActivityResult.Success, undo.Result);
        Assert.Equal(first, new FileInfo(Path.Combine(EnvironmentRoot, DeployHost.CurrentLink)).LinkTarget);
        Assert.False(File.Exists(proof));
        // The next deploy switches, flags maintenance and prunes with that entry around: still nothing runs.
        Assert.Equal(ActivityResult.Success, (await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None)).Result);
        Assert.False(File.Exists(proof));
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("a b")]
    [InlineData("$(id)")]
    [InlineData("")]
    [InlineData("-rf")]
    public void Only_plain_ids_are_release_ids(string id) => Assert.False(ReleaseId.IsValid(id));

    [Fact]
    public void Our_own_ids_are_release_ids() => Assert.True(ReleaseId.IsValid("20250101-120000-000-abc1234"));
}
