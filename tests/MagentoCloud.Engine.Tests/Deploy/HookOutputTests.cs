using System.Text;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;

namespace MagentoCloud.Engine.Tests.Deploy;

/// <summary>What the deploy hook writes on the first host (env.php, static content) reaches the other two test hosts before the switch.</summary>
[Collection(Infrastructure.TestServicesCollection.Name)]
public sealed class HookOutputTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mc-hookout-").FullName;
    private readonly string _run = "h" + Guid.NewGuid().ToString("N")[..10];

    // app/etc is a mount of each host's own (as on a cluster without shared storage); pub/static is in the release.
    private static readonly string App = TestApp.DefaultApp
        .Replace("  var: \"shared:files/var\"", "  var: \"shared:files/var\"\n  \"app/etc\": \"shared:files/etc\"")
        .Replace("    echo \"deploying in $PWD\"", "    echo \"deploying in $PWD\"\n    mkdir -p pub/static/frontend\n" +
                 "    printf \"<?php return ['deployed' => '%s'];\\n\" \"$(date +%s%N)\" > app/etc/env.php\n" +
                 "    printf 'body{color:#%s}' \"$(date +%N)\" > pub/static/frontend/styles.css");

    private string RootOn(string host) => Path.Combine(SshCluster.HostRootsParent, host, _run, "master");

    [Fact]
    public async Task Env_php_and_static_content_written_by_the_hook_on_host_1_are_the_same_on_hosts_2_and_3()
    {
        File.WriteAllText(Path.Combine(_root, ".magento.app.yaml"), App);
        await new ProjectCreator().CreateAsync(_root, "Hook output");
        var topology = new StringBuilder().AppendLine("environments:").AppendLine("  master:").AppendLine("    hosts:");
        foreach (var h in SshCluster.Hosts) topology.AppendLine($"      - {SshCluster.Address(h)}");
        topology.AppendLine($"    root: {SshCluster.HostRootsParent}/{{host}}/{_run}/{{environment}}")
            .AppendLine("    ssh:").AppendLine($"      identity_file: {SshCluster.Key}").AppendLine($"      known_hosts: {SshCluster.KnownHosts}");
        File.WriteAllText(Path.Combine(_root, ".magento", "topology.yaml"), topology.ToString());
        var deployments = new DeploymentService(_root, new StateStore(ProjectRemote.ForWorkingCopy(_root)));

        var activity = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);

        Assert.True(activity.Result == ActivityResult.Success, activity.Log);
        var steps = activity.Steps.Select(s => s.Name).ToList();
        Assert.True(steps.IndexOf("CopyHookOutput") is var copy && copy > steps.IndexOf("RunDeployHook") && copy < steps.IndexOf("SwitchCurrentRelease"),
            string.Join(", ", steps));
        var envPhp = File.ReadAllText(Path.Combine(RootOn(SshCluster.Hosts[0]), "current", "app", "etc", "env.php"));
        var css = File.ReadAllText(Path.Combine(RootOn(SshCluster.Hosts[0]), "current", "pub", "static", "frontend", "styles.css"));
        Assert.Contains("deployed", envPhp);
        foreach (var host in SshCluster.Hosts.Skip(1))
        {
            // Each host's own app/etc (its shared/etc), and its own release.
            Assert.Equal(envPhp, File.ReadAllText(Path.Combine(RootOn(host), "shared", "etc", "env.php")));
            Assert.Equal(css, File.ReadAllText(Path.Combine(RootOn(host), "current", "pub", "static", "frontend", "styles.css")));
        }
    }

    public void Dispose()
    {
        foreach (var host in SshCluster.Hosts)
            try { Directory.Delete(Path.Combine(SshCluster.HostRootsParent, host, _run), recursive: true); } catch (IOException) { }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
