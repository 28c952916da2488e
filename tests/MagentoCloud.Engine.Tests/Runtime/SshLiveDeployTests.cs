using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;
using MagentoCloud.Engine.Tests.Deploy;

namespace MagentoCloud.Engine.Tests.Runtime;

/// <summary>The shop deployed to the three SSH test hosts: each serves it on its own address, health-checked.</summary>
[Collection(Infrastructure.TestServicesCollection.Name)]
public sealed class SshLiveDeployTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("mc-sshlive-").FullName;
    private readonly string _run = "w" + Guid.NewGuid().ToString("N")[..10];
    private readonly int _port = ShopSite.FreePort();
    private DeploymentService _deployments = null!;

    private const string Domain = "master.cluster.test";

    public async Task InitializeAsync()
    {
        await SshShop.CreateAsync(_root, _run, [("master", $"http://{Domain}:{_port}/")]);
        _deployments = new DeploymentService(_root, new StateStore(ProjectRemote.ForWorkingCopy(_root)));
    }

    [Fact]
    public async Task Each_host_serves_the_live_release_on_its_own_address_and_Disable_style_stop_ends_it()
    {
        var activity = await _deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);

        Assert.True(activity.Result == ActivityResult.Success, activity.Log);
        Assert.Contains("Health check passed on", activity.Log);
        var releases = await _deployments.GetReleasesAsync("master", CancellationToken.None);
        foreach (var address in SshCluster.Hosts)
        {
            var home = await GetAsync(address, "/");
            Assert.Equal(200, home.Status);
            var live = releases.Single(r => r.IsCurrent && r.Host.Contains("@" + address + ":")).Id;
            Assert.Equal(live, LiveProject.Json(home.Body).GetProperty("release").GetString());
            // Served by this host's own nginx, from this host's root.
            Assert.StartsWith(Path.Combine(SshCluster.HostRootsParent, address, _run), LiveProject.Json(home.Body).GetProperty("app_dir").GetString());
            Assert.Equal([$"https://{Domain}:{_port}/", $"http://{Domain}:{_port}/"],
                LiveProject.Json(home.Body).GetProperty("routes").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(200, (await GetAsync(address, "/static/version1/css/a.css")).Status);
        }
        var serving = await _deployments.ServingAsync("master", CancellationToken.None);
        Assert.Equal(3, serving.Count);
        Assert.All(serving.Values, Assert.True);
        Assert.Empty(await _deployments.ProbeAsync("master", CancellationToken.None));

        await _deployments.StopWebAsync("master", SilentObserver.Instance, CancellationToken.None);
        foreach (var address in SshCluster.Hosts)
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => GetAsync(address, "/"));
        Assert.All((await _deployments.ServingAsync("master", CancellationToken.None)).Values, Assert.False);
        // Each host's own web server is asked: every host and route is named.
        var silent = await _deployments.ProbeAsync("master", CancellationToken.None);
        Assert.Equal(3, silent.Count); // one upstream route on each of three hosts
        foreach (var address in SshCluster.Hosts)
            Assert.Contains(silent, f => f.Contains("@" + address + ":", StringComparison.Ordinal) && f.Contains("connection refused", StringComparison.Ordinal));
    }

    private Task<(int Status, string Body)> GetAsync(string address, string path) => SshShop.GetAsync(address, Domain, _port, path);

    public async Task DisposeAsync()
    {
        try { await _deployments.StopWebAsync("master", SilentObserver.Instance, CancellationToken.None); } catch (CloudException) { }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        foreach (var address in SshCluster.Hosts)
            try { Directory.Delete(Path.Combine(SshCluster.HostRootsParent, address, _run), recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
