using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Runtime;
using MagentoCloud.Engine.Tests.Deploy;

namespace MagentoCloud.Engine.Tests.Runtime;

/// <summary>
/// An application asking for a PHP the SSH test hosts lack (7.1) and an extension none has: each
/// host's deploy says so (host, version asked, version used, missing extension) and goes on with the
/// PHP it has; Test-CloudProject -IncludeHosts says the same before any deploy.
/// </summary>
[Collection(Infrastructure.TestServicesCollection.Name)]
public sealed class SshHostPhpTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("mc-sshphp-").FullName;
    private readonly string _run = "p" + Guid.NewGuid().ToString("N")[..10];
    private readonly int _port = ShopSite.FreePort();
    private DeploymentService _deployments = null!;

    public async Task InitializeAsync()
    {
        await SshShop.CreateAsync(_root, _run, [("master", $"http://master.cluster.test:{_port}/")],
            app => app.Replace("type: php:8.2", "type: php:7.1") + "runtime:\n    extensions:\n        - pdo_mysql\n        - nosuchext\n");
        _deployments = new DeploymentService(_root, new StateStore(ProjectRemote.ForWorkingCopy(_root)));
    }

    [Fact]
    public async Task Each_host_says_which_PHP_it_serves_with_and_what_it_lacks_and_the_deploy_goes_on()
    {
        var observer = new Infrastructure.WarningRecorder();

        var activity = await _deployments.DeployAsync("master", null, observer, CancellationToken.None);

        Assert.True(activity.Result == ActivityResult.Success, activity.Log);
        var used = MachinePhp.FpmVersions()[^1];
        foreach (var address in SshCluster.Hosts)
        {
            var host = SshCluster.Address(address);
            var expected = $"{host}: the application asks for PHP 7.1 (type: php:7.1), which this host lacks; it runs with PHP {used} (/usr/sbin/php-fpm{used}), " +
                "which lacks runtime.extensions nosuchext.";
            Assert.Contains("WARNING: " + expected, activity.Log);
            Assert.Contains(observer.Warnings, w => w.StartsWith(expected, StringComparison.Ordinal));
            Assert.Equal(200, (await SshShop.GetAsync(address, "master.cluster.test", _port)).Status);
        }
        Assert.DoesNotContain("pdo_mysql", activity.Log);
    }

    [Fact]
    public async Task Test_CloudProject_IncludeHosts_reports_each_host_s_PHP_before_any_deploy()
    {
        var findings = await HostPhpCheck.CheckAsync(Workspace.Open(_root), CancellationToken.None);

        Assert.Equal(SshCluster.Hosts.Count, findings.Count);
        var typeLine = Array.FindIndex(File.ReadAllLines(Path.Combine(_root, AppConfig.File)), l => l.StartsWith("type:", StringComparison.Ordinal)) + 1;
        foreach (var address in SshCluster.Hosts)
        {
            var finding = Assert.Single(findings, f => f.Message.StartsWith(SshCluster.Address(address) + ":", StringComparison.Ordinal));
            Assert.Equal("HostPhpVersion", finding.Code);
            Assert.Equal(FindingSeverity.Warning, finding.Severity);
            Assert.Equal(typeLine, finding.Line);
            Assert.Contains("asks for PHP 7.1", finding.Message);
            Assert.Contains("lacks runtime.extensions nosuchext", finding.Message);
        }
        // Nothing was made on the hosts.
        Assert.All(SshCluster.Hosts, a => Assert.False(Directory.Exists(Path.Combine(SshCluster.HostRootsParent, a, _run))));
    }

    public async Task DisposeAsync()
    {
        try { await _deployments.StopWebAsync("master", SilentObserver.Instance, CancellationToken.None); } catch (CloudException) { }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        foreach (var address in SshCluster.Hosts)
            try { Directory.Delete(Path.Combine(SshCluster.HostRootsParent, address, _run), recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
