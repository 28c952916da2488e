using System.Diagnostics;
using System.Text;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Tests.Deploy;

/// <summary>
/// <c>workers:</c> on the three test hosts: each host runs the live release's worker under a supervisor that starts it
/// again when it dies; a deploy restarts it with the new release; another environment's worker (same user, a root
/// that starts with the same name) is untouched; stopping the environment's runtime (Disable, Remove) ends them.
/// </summary>
[Collection(Infrastructure.TestServicesCollection.Name)]
public sealed class WorkersTests : IDisposable
{
    // The worker says which release and environment it runs for, then stays (exec: its pid is the worker's).
    private const string App = TestApp.DefaultApp + """

        workers:
          queue:
            commands:
              start: |
                printf '%s %s\n' "$(basename "$(pwd -P)")" "$MAGENTO_CLOUD_ENVIRONMENT" >> ../../queue.runs
                echo $$ > ../../queue.now
                exec sleep 600
            size: S
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("mc-workers-").FullName;
    private readonly string _run = "w" + Guid.NewGuid().ToString("N")[..10];

    private async Task<DeploymentService> CreateAsync()
    {
        File.WriteAllText(Path.Combine(_root, ".magento.app.yaml"), App);
        await new ProjectCreator().CreateAsync(_root, "Workers");
        var topology = new StringBuilder().AppendLine("environments:").AppendLine("  master:").AppendLine("    hosts:");
        foreach (var h in SshCluster.Hosts) topology.AppendLine($"      - {SshCluster.Address(h)}");
        topology.AppendLine($"    root: {SshCluster.HostRootsParent}/{{host}}/{_run}/{{environment}}")
            .AppendLine("    ssh:")
            .AppendLine($"      identity_file: {SshCluster.Key}")
            .AppendLine($"      known_hosts: {SshCluster.KnownHosts}");
        File.WriteAllText(Path.Combine(_root, ".magento", "topology.yaml"), topology.ToString());
        return new DeploymentService(_root, new StateStore(ProjectRemote.ForWorkingCopy(_root))) { CronStopTimeout = TimeSpan.FromSeconds(2) };
    }

    private string RootOn(string host, string environment = "master") => Path.Combine(SshCluster.HostRootsParent, host, _run, environment);

    private static int WorkerPid(string root, int notPid = 0)
    {
        var file = Path.Combine(root, "queue.now");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var pid) && pid != notPid && Alive(pid)) return pid;
            Thread.Sleep(100);
        }
        throw new Xunit.Sdk.XunitException($"No worker (other than {notPid}) started in {root}");
    }

    private static bool Alive(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].Equals("Z", StringComparison.Ordinal);

    private static bool GoneWithin(int pid, TimeSpan time)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < time)
        {
            if (!Alive(pid)) return true;
            Thread.Sleep(100);
        }
        return false;
    }

    [Fact]
    public async Task Workers_run_supervised_on_every_host_restart_with_each_deploy_and_stop_with_the_environment()
    {
        var deployments = await CreateAsync();
        var first = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.True(first.Result == ActivityResult.Success, first.Log);
        var pids = SshCluster.Hosts.Select(h => WorkerPid(RootOn(h))).ToList();
        foreach (var host in SshCluster.Hosts)
            Assert.EndsWith(" master", File.ReadAllLines(Path.Combine(RootOn(host), "queue.runs")).Single());
        // The runtime variables came from the 0600 file, not a command line.
        Assert.DoesNotContain("MAGENTO_CLOUD", File.ReadAllText($"/proc/{pids[0]}/cmdline"));

        // Another environment's worker, same user, a root whose name starts with master's.
        var other = RootOn(SshCluster.Hosts[0], "master-b");
        Directory.CreateDirectory(Path.Combine(other, "releases", "r1"));
        File.CreateSymbolicLink(Path.Combine(other, DeployHost.CurrentLink), "releases/r1");
        File.WriteAllText(Path.Combine(other, DeployHost.RuntimeFile), "");
        RunScript(other, EnvironmentWorkers.StartScript(other, [new WorkerDefinition("queue", "echo $$ > ../../queue.now; exec sleep 600")]));
        var otherPid = WorkerPid(other);

        // A worker that dies comes back, and the supervisor counts it.
        Process.GetProcessById(pids[1]).Kill();
        var again = WorkerPid(RootOn(SshCluster.Hosts[1]), notPid: pids[1]);
        var status = await deployments.GetCronsAsync("master", CancellationToken.None);
        var workers = status.Where(s => s.Kind == "Worker").ToList();
        Assert.Equal(3, workers.Count);
        Assert.All(workers, w => Assert.Equal(("queue", 1), (w.Name, w.Running)));
        var restarted = Assert.Single(workers, w => w.Restarts == 1);
        Assert.Equal(SshCluster.Address(SshCluster.Hosts[1]), restarted.Host);
        Assert.NotNull(restarted.LastRun);

        // A deploy stops them before its hook and starts them in the new release.
        var second = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.True(second.Result == ActivityResult.Success, second.Log);
        var steps = second.Steps.Select(s => s.Name).ToList();
        Assert.True(steps.IndexOf("StopWorkers") < steps.IndexOf("RunDeployHook") && steps.IndexOf("StartWorkers") > steps.IndexOf("SwitchCurrentRelease"),
            string.Join(", ", steps));
        Assert.True(GoneWithin(pids[0], TimeSpan.FromSeconds(5)) && GoneWithin(again, TimeSpan.FromSeconds(5)), "the old release's workers still run");
        var live = Path.GetFileName(Directory.ResolveLinkTarget(Path.Combine(RootOn(SshCluster.Hosts[0]), DeployHost.CurrentLink), false)!.FullName);
        var newPid = WorkerPid(RootOn(SshCluster.Hosts[0]), notPid: pids[0]);
        Assert.StartsWith(live + " ", File.ReadAllLines(Path.Combine(RootOn(SshCluster.Hosts[0]), "queue.runs")).Last());
        Assert.True(Alive(otherPid), "another environment's worker was ended");

        // Disable and Remove stop the environment's runtime: its workers with it.
        await deployments.StopWebAsync("master", SilentObserver.Instance, CancellationToken.None);
        Assert.True(GoneWithin(newPid, TimeSpan.FromSeconds(5)), "the worker outlived its environment's stop");
        Assert.True(Alive(otherPid), "another environment's worker was ended");
        RunScript(other, EnvironmentWorkers.StopScript(other, 2));
        Assert.True(GoneWithin(otherPid, TimeSpan.FromSeconds(5)));
    }

    private static void RunScript(string directory, string script)
    {
        var start = new ProcessStartInfo("sh") { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    public void Dispose()
    {
        foreach (var host in SshCluster.Hosts)
            foreach (var environment in new[] { "master", "master-b" })
                if (Directory.Exists(RootOn(host, environment)))
                    try { RunScript(RootOn(host, environment), EnvironmentWorkers.StopScript(RootOn(host, environment), 1)); } catch (Exception) { }
        foreach (var host in SshCluster.Hosts)
            try { Directory.Delete(Path.Combine(SshCluster.HostRootsParent, host, _run), recursive: true); } catch (IOException) { }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
