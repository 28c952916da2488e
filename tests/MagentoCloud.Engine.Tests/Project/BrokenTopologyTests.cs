using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Tests.Deploy;

namespace MagentoCloud.Engine.Tests.Project;

/// <summary>A topology that is there but broken is an error everywhere, never the local default.</summary>
public sealed class BrokenTopologyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mc-topology-").FullName;

    private const string HostsAsString = """
        environments:
          production:
            hosts: deploy@127.0.0.1
            root: /srv/shop
        """;

    private const string SyntaxError = """
        environments:
          production:
            hosts: [deploy@127.0.0.1
            root: /srv/shop
        """;

    [Theory]
    [InlineData(HostsAsString, ":3:")]
    [InlineData(SyntaxError, ":")]
    public void A_broken_topology_is_refused_with_its_place(string topology, string place)
    {
        using var project = new TempProject().With(".magento.app.yaml", "name: app\ntype: php:8.3\n").With(Topology.File, topology);
        var e = Assert.Throws<CloudException>(() => project.Files.TopologyFor("production", "production"));
        Assert.Equal(CloudErrorId.TopologyInvalid, e.Id);
        Assert.Contains(Topology.File + place, e.Message);
        // Test-CloudProject still lists it as a finding rather than stopping.
        Assert.Contains(project.Validate(), f => f.File == Topology.File && f.Severity == FindingSeverity.Error);
    }

    [Fact]
    public async Task A_production_deploy_with_a_broken_topology_fails_and_never_deploys_locally()
    {
        File.WriteAllText(Path.Combine(_root, ".magento.app.yaml"), TestApp.DefaultApp);
        await new ProjectCreator().CreateAsync(_root, "Shop");
        Directory.CreateDirectory(Path.Combine(_root, ".magento"));
        File.WriteAllText(Path.Combine(_root, Topology.File), HostsAsString);
        var store = new StateStore(ProjectRemote.ForWorkingCopy(_root));
        var deployments = new DeploymentService(_root, store);

        var e = await Assert.ThrowsAsync<CloudException>(() => deployments.DeployAsync("production", null, SilentObserver.Instance, CancellationToken.None));
        Assert.Equal(CloudErrorId.TopologyInvalid, e.Id);
        Assert.False(Directory.Exists(Path.Combine(_root, ".magento", "local", "environments", "production")));
        var workspace = Workspace.Open(_root);
        Assert.Equal(CloudErrorId.TopologyInvalid, Assert.Throws<CloudException>(() => workspace.Environments.List()).Id);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
