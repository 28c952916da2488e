using System.Diagnostics;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;
using MagentoCloud.Engine.Runtime;
using MagentoCloud.Engine.Tests.Deploy;

namespace MagentoCloud.Engine.Tests.Runtime;

/// <summary>
/// Two environments of the shop on the three SSH test hosts, each on its own port: a host whose
/// processes died (as a reboot leaves it) gets them back from StartRuntimeAsync without a deploy,
/// and the other environment on the same hosts is never touched. A port taken on one host fails
/// the deploy naming that host and port.
/// </summary>
[Collection(Infrastructure.TestServicesCollection.Name)]
public sealed class SshRuntimeRestartTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("mc-sshrun-").FullName;
    private readonly string _run = "r" + Guid.NewGuid().ToString("N")[..10];
    private readonly int _masterPort = ShopSite.FreePort();
    private readonly int _featurePort = ShopSite.FreePort();
    private DeploymentService _deployments = null!;

    public async Task InitializeAsync()
    {
        await SshShop.CreateAsync(_root, _run,
            [("master", $"http://master.cluster.test:{_masterPort}/"), ("feature", $"http://feature.cluster.test:{_featurePort}/")]);
        _deployments = new DeploymentService(_root, new StateStore(ProjectRemote.ForWorkingCopy(_root)));
    }

    [Fact]
    public async Task A_host_whose_nginx_and_php_fpm_died_serves_again_after_start_and_the_other_environment_is_untouched()
    {
        await new EnvironmentService(new StateStore(ProjectRemote.ForWorkingCopy(_root))).BranchAsync("feature");
        foreach (var environment in new[] { "master", "feature" })
        {
            var deployed = await _deployments.DeployAsync(environment, null, SilentObserver.Instance, CancellationToken.None);
            Assert.True(deployed.Result == ActivityResult.Success, deployed.Log);
        }
        var feature = SshCluster.Hosts.SelectMany(h => Pids(h, "feature")).ToList();
        // As a reboot leaves them: master's nginx and PHP-FPM gone on every host, their pid files stale.
        foreach (var address in SshCluster.Hosts)
            foreach (var pid in Pids(address, "master"))
            {
                // Each server leads its own session (setsid): its whole group goes, workers included.
                using (var kill = Process.Start("kill", ["-KILL", "--", "-" + pid])) await kill.WaitForExitAsync();
                await Processes.WaitGoneAsync(pid);
            }
        foreach (var address in SshCluster.Hosts)
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => GetAsync(address, "master", _masterPort));

        var started = await _deployments.StartRuntimeAsync("master", SilentObserver.Instance, CancellationToken.None);

        Assert.Equal(SshCluster.Hosts.Count, started.Count);
        foreach (var host in started)
        {
            Assert.Equal(["nginx", "PHP-FPM"], host.Started);
            Assert.NotNull(host.Release);
        }
        foreach (var address in SshCluster.Hosts)
        {
            Assert.Equal(200, (await GetAsync(address, "master", _masterPort)).Status);
            Assert.Equal(200, (await GetAsync(address, "feature", _featurePort)).Status);
        }
        Assert.Equal(feature, SshCluster.Hosts.SelectMany(h => Pids(h, "feature")).ToList());

        // Nothing missing: nothing started, and no process replaced.
        var master = SshCluster.Hosts.SelectMany(h => Pids(h, "master")).ToList();
        var again = await _deployments.StartRuntimeAsync("master", SilentObserver.Instance, CancellationToken.None);
        Assert.All(again, h => { Assert.Empty(h.Started); Assert.Equal(["nginx", "PHP-FPM"], h.AlreadyRunning); });
        Assert.Equal(master, SshCluster.Hosts.SelectMany(h => Pids(h, "master")).ToList());

        var stopped = await _deployments.StopRuntimeAsync("master", SilentObserver.Instance, CancellationToken.None);

        Assert.All(stopped, h => Assert.Equal(["nginx", "PHP-FPM"], h.Stopped));
        foreach (var address in SshCluster.Hosts)
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => GetAsync(address, "master", _masterPort));
            Assert.Equal(200, (await GetAsync(address, "feature", _featurePort)).Status);
        }
        Assert.Equal(feature, SshCluster.Hosts.SelectMany(h => Pids(h, "feature")).ToList());
        Assert.All(await _deployments.StartRuntimeAsync("master", SilentObserver.Instance, CancellationToken.None),
            h => Assert.Equal(["nginx", "PHP-FPM"], h.Started));
        foreach (var address in SshCluster.Hosts)
            Assert.Equal(200, (await GetAsync(address, "master", _masterPort)).Status);
    }

    [Fact]
    public async Task A_port_taken_on_one_host_fails_the_deploy_naming_the_host_and_the_port()
    {
        var taken = SshCluster.Hosts[1];
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Parse(taken), _masterPort);
        squatter.Start();

        var activity = await _deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);

        Assert.Equal(ActivityResult.Failure, activity.Result);
        Assert.Equal(CloudErrorId.PortInUse.ToString(), activity.ErrorId);
        Assert.Contains($"{taken}:", activity.Log);
        Assert.Contains($"port {_masterPort} ({taken}:{_masterPort}) is in use by another program", activity.Log);
        Assert.Contains("another port in the url of .magento/topology.yaml", activity.Log);
    }

    private string RootOn(string address, string environment) => Path.Combine(SshCluster.HostRootsParent, address, _run, environment);

    /// <summary>The environment's nginx master and live PHP-FPM master on a host, from their pid files.</summary>
    private IReadOnlyList<int> Pids(string address, string environment)
    {
        var root = RootOn(address, environment);
        var release = Path.GetFileName(new DirectoryInfo(Path.Combine(root, "current")).ResolveLinkTarget(false)!.FullName);
        return [int.Parse(File.ReadAllText(Path.Combine(root, "web", "nginx.pid")).Trim()),
                int.Parse(File.ReadAllText(new PhpFpmPool(environment, root).PidFile(release)).Trim())];
    }

    private static Task<(int Status, string Body)> GetAsync(string address, string environment, int port) =>
        SshShop.GetAsync(address, $"{environment}.cluster.test", port);

    public async Task DisposeAsync()
    {
        foreach (var environment in new[] { "master", "feature" })
            try { await _deployments.StopWebAsync(environment, SilentObserver.Instance, CancellationToken.None); } catch (CloudException) { }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        foreach (var address in SshCluster.Hosts)
            try { Directory.Delete(Path.Combine(SshCluster.HostRootsParent, address, _run), recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
