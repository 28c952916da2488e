using System.Diagnostics;
using System.Text;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;
using MagentoCloud.Engine.Project;
using MySqlConnector;

namespace MagentoCloud.Engine.Tests.Deploy;

/// <summary>
/// Crons and consumers around a deploy, on the three test hosts: the deployed environment's running ones end before
/// its deploy hook, another environment's (same user, a root that starts with the same name) run on; the crons come
/// back on the host the topology chose.
/// </summary>
[Collection(Infrastructure.TestServicesCollection.Name)]
public sealed class CronsAroundDeployTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mc-crons-").FullName;
    private readonly string _run = "c" + Guid.NewGuid().ToString("N")[..10];
    private readonly List<Process> _processes = [];

    /// <summary>A fake bin/magento: runs until killed; with <paramref name="stubborn"/> it ignores TERM.</summary>
    private static string FakeMagento(bool stubborn) => $"#!/bin/sh\n{(stubborn ? "trap '' TERM\n" : "")}while :; do sleep 0.2; done\n";

    private async Task<DeploymentService> CreateAsync(string cronHost)
    {
        File.WriteAllText(Path.Combine(_root, ".magento.app.yaml"), TestApp.DefaultApp);
        await new ProjectCreator().CreateAsync(_root, "Crons");
        var topology = new StringBuilder().AppendLine("environments:").AppendLine("  master:").AppendLine("    hosts:");
        foreach (var h in SshCluster.Hosts) topology.AppendLine($"      - {SshCluster.Address(h)}");
        topology.AppendLine($"    root: {SshCluster.HostRootsParent}/{{host}}/{_run}/{{environment}}")
            .AppendLine($"    cron_host: {SshCluster.Hosts[1]}")
            .AppendLine("    ssh:")
            .AppendLine($"      identity_file: {SshCluster.Key}")
            .AppendLine($"      known_hosts: {SshCluster.KnownHosts}");
        File.WriteAllText(Path.Combine(_root, ".magento", "topology.yaml"), topology.ToString().Replace($"cron_host: {SshCluster.Hosts[1]}", $"cron_host: {cronHost}"));
        return new DeploymentService(_root, new StateStore(ProjectRemote.ForWorkingCopy(_root))) { CronStopTimeout = TimeSpan.FromSeconds(2) };
    }

    private string RootOn(string host, string environment = "master") => Path.Combine(SshCluster.HostRootsParent, host, _run, environment);

    /// <summary>Starts <c>sh bin/magento ARGS</c> in <paramref name="directory"/> (which gets the fake bin/magento), as Magento's would run.</summary>
    private Process Start(string directory, bool stubborn, params string[] arguments)
    {
        Directory.CreateDirectory(Path.Combine(directory, "bin"));
        File.WriteAllText(Path.Combine(directory, "bin", "magento"), FakeMagento(stubborn));
        var start = new ProcessStartInfo("sh") { WorkingDirectory = directory, UseShellExecute = false };
        start.ArgumentList.Add("bin/magento");
        foreach (var a in arguments) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        _processes.Add(process);
        return process;
    }

    [Fact]
    public async Task A_deploy_ends_its_environments_crons_and_consumers_and_leaves_another_environments_running()
    {
        var deployments = await CreateAsync(SshCluster.Hosts[1]);
        var first = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.True(first.Result == ActivityResult.Success, first.Log);

        // master's: a cron in the live release on host 1, a consumer that ignores TERM in the root on host 2.
        var cron = Start(Path.Combine(RootOn(SshCluster.Hosts[0]), DeployHost.CurrentLink), stubborn: false, "cron:run", "--group=default");
        var consumer = Start(RootOn(SshCluster.Hosts[1]), stubborn: true, "queue:consumers:start", "async.operations.all");
        // Another environment's, run by the same user, under a root whose name starts with master's.
        var otherCron = Start(RootOn(SshCluster.Hosts[0], "master-b"), stubborn: false, "cron:run");
        var otherConsumer = Start(RootOn(SshCluster.Hosts[1], "master-b"), stubborn: false, "queue:consumers:start", "product_action_attribute.update");
        Thread.Sleep(300);

        var second = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);

        Assert.True(second.Result == ActivityResult.Success, second.Log);
        var stop = second.Steps.Select(s => s.Name).ToList();
        Assert.True(stop.IndexOf("StopCrons") < stop.IndexOf("RunDeployHook") && stop.IndexOf("MarkInterruptedCrons") > stop.IndexOf("SwitchCurrentRelease"),
            string.Join(", ", stop));
        Assert.True(cron.WaitForExit(5000), "master's cron:run still runs");
        Assert.True(consumer.WaitForExit(5000), "master's consumer still runs");
        Assert.Contains("ended ", second.Log);
        Assert.Contains("queue:consumers:start async.operations.all", second.Log);
        Assert.Contains($"killed {consumer.Id}", second.Log);
        Assert.False(otherCron.HasExited, "another environment's cron:run was ended");
        Assert.False(otherConsumer.HasExited, "another environment's consumer was ended");

        // The crons are back on the chosen host only.
        Assert.Contains("cleanup", File.ReadAllText(Path.Combine(RootOn(SshCluster.Hosts[1]), CronTab.File)));
        Assert.False(File.Exists(Path.Combine(RootOn(SshCluster.Hosts[0]), CronTab.File)));
        Assert.False(File.Exists(Path.Combine(RootOn(SshCluster.Hosts[2]), CronTab.File)));
    }

    [Fact]
    public async Task Get_crons_shows_where_they_are_installed_their_last_run_and_the_consumers_running_now()
    {
        var deployments = await CreateAsync(SshCluster.Hosts[1]);
        var activity = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.True(activity.Result == ActivityResult.Success, activity.Log);
        // Run the installed line as cron would (the schedule's five fields off).
        var line = File.ReadAllLines(Path.Combine(RootOn(SshCluster.Hosts[1]), CronTab.File)).Single();
        var run = Process.Start(new ProcessStartInfo("sh") { ArgumentList = { "-c", string.Join(' ', line.Split(' ').Skip(5)) }, UseShellExecute = false })!;
        run.WaitForExit();
        var consumer = Start(RootOn(SshCluster.Hosts[2]), stubborn: false, "queue:consumers:start", "exportProcessor");
        Start(RootOn(SshCluster.Hosts[2], "master-b"), stubborn: false, "queue:consumers:start", "codegeneratorProcessor");
        Thread.Sleep(300);

        var status = await deployments.GetCronsAsync("master", CancellationToken.None);

        var crons = status.Where(s => s.Kind == "Cron").ToList();
        Assert.Equal(3, crons.Count);
        var installed = Assert.Single(crons, c => c.Installed);
        Assert.Equal(SshCluster.Address(SshCluster.Hosts[1]), installed.Host);
        Assert.Equal(("cleanup", "*/5 * * * *", 0), (installed.Name, installed.Schedule, installed.LastExitCode));
        Assert.NotNull(installed.LastRun);
        Assert.All(crons.Where(c => !c.Installed), c => Assert.Null(c.LastRun));
        var running = Assert.Single(status, s => s.Kind == "Consumer");
        Assert.Equal((SshCluster.Address(SshCluster.Hosts[2]), "exportProcessor", 1), (running.Host, running.Name, running.Running));
        Assert.False(consumer.HasExited);
    }

    [Fact]
    public async Task The_crons_go_to_the_first_host_when_the_topology_names_none()
    {
        var deployments = await CreateAsync("");
        var activity = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.True(activity.Result == ActivityResult.Success, activity.Log);
        Assert.True(File.Exists(Path.Combine(RootOn(SshCluster.Hosts[0]), CronTab.File)));
        Assert.False(File.Exists(Path.Combine(RootOn(SshCluster.Hosts[1]), CronTab.File)));
    }

    /// <summary>The real crontab of the test hosts' user (one user of this machine): its lines.</summary>
    private static string[] Crontab(string? replaceWith = null)
    {
        var start = new ProcessStartInfo("crontab") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true };
        start.ArgumentList.Add(replaceWith is null ? "-l" : "-");
        using var process = Process.Start(start)!;
        if (replaceWith is not null) process.StandardInput.Write(replaceWith);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private string KeptLine => $"# someone else's line {_run}";

    [Fact]
    public async Task The_crons_are_a_marked_block_of_the_cron_hosts_real_crontab_that_a_stop_takes_out_and_a_start_puts_back()
    {
        Assert.True(File.Exists("/usr/bin/crontab"), "crontab is not installed (tests/infra/start.sh installs cron)");
        Crontab(string.Join('\n', Crontab().Append(KeptLine)) + "\n");
        var deployments = await CreateAsync(SshCluster.Hosts[1]);
        var activity = await deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.True(activity.Result == ActivityResult.Success, activity.Log);

        // The chosen host's root holds the block, between its markers, with the crontab file's line; the others none.
        var lines = Crontab().ToList();
        var begin = lines.IndexOf(CronTab.Begin(RootOn(SshCluster.Hosts[1])));
        Assert.True(begin >= 0, string.Join('\n', lines));
        Assert.Equal(File.ReadAllLines(Path.Combine(RootOn(SshCluster.Hosts[1]), CronTab.File)).Single(), lines[begin + 1]);
        Assert.Equal(CronTab.End(RootOn(SshCluster.Hosts[1])), lines[begin + 2]);
        Assert.DoesNotContain(lines, l => l.Contains(RootOn(SshCluster.Hosts[0]), StringComparison.Ordinal));
        Assert.Contains(KeptLine, lines);

        // Stopped: out of the crontab, the file kept; started again: back, once.
        var stopped = await deployments.StopRuntimeAsync("master", SilentObserver.Instance, CancellationToken.None);
        Assert.Contains("crons", stopped.Single(h => h.Host == SshCluster.Address(SshCluster.Hosts[1])).Stopped);
        Assert.DoesNotContain(Crontab(), l => l.Contains(_run, StringComparison.Ordinal) && l != KeptLine);
        Assert.Contains(KeptLine, Crontab());
        var started = await deployments.StartRuntimeAsync("master", SilentObserver.Instance, CancellationToken.None);
        Assert.Contains("crons", started.Single(h => h.Host == SshCluster.Address(SshCluster.Hosts[1])).Started);
        Assert.Single(Crontab(), CronTab.Begin(RootOn(SshCluster.Hosts[1])));
        started = await deployments.StartRuntimeAsync("master", SilentObserver.Instance, CancellationToken.None);
        Assert.Contains("crons", started.Single(h => h.Host == SshCluster.Address(SshCluster.Hosts[1])).AlreadyRunning);
        Assert.Single(Crontab(), CronTab.Begin(RootOn(SshCluster.Hosts[1])));
        Assert.Contains(KeptLine, Crontab());
    }

    public void Dispose()
    {
        // Nothing of this run stays in the machine's crontab.
        if (File.Exists("/usr/bin/crontab"))
        {
            var kept = new List<string>();
            var skipping = false;
            foreach (var line in Crontab())
            {
                if (line.StartsWith("# BEGIN magento-cloud ", StringComparison.Ordinal) && line.Contains(_run, StringComparison.Ordinal)) skipping = true;
                else if (skipping && line.StartsWith("# END magento-cloud ", StringComparison.Ordinal)) skipping = false;
                else if (!skipping && line != KeptLine) kept.Add(line);
            }
            Crontab(kept.Count == 0 ? "" : string.Join('\n', kept) + "\n");
        }
        foreach (var process in _processes)
        {
            try { if (!process.HasExited) process.Kill(); } catch (InvalidOperationException) { }
            process.Dispose();
        }
        foreach (var host in SshCluster.Hosts)
            try { Directory.Delete(Path.Combine(SshCluster.HostRootsParent, host, _run), recursive: true); } catch (IOException) { }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The cron_schedule rows that the ended crons left running, after a deploy of the local default with a database.</summary>
public sealed class InterruptedCronRowsTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Directory.CreateTempSubdirectory("mc-cronrows-").FullName, "shop");
    private Workspace _workspace = null!;

    public async Task InitializeAsync() =>
        _workspace = await Workspace.CreateAsync(_folder, "Shop", SilentObserver.Instance, CancellationToken.None);

    public async Task DisposeAsync()
    {
        await new LocalDatabaseServer(_workspace.LocalDirectory).StopAsync(CancellationToken.None);
        try { Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Running_cron_schedule_rows_are_marked_as_errors_after_the_switch_and_others_kept()
    {
        await using (var database = await _workspace.OpenDatabaseAsync("master", SilentObserver.Instance, CancellationToken.None))
        {
            await MagentoSchema.CreateAsync(database.Endpoint, CancellationToken.None);
            await Data.DatabaseTransferTests.ExecuteAsync(database.Endpoint,
                "INSERT INTO cron_schedule (job_code, status, executed_at) VALUES ('indexer_reindex_all_invalid', 'running', UTC_TIMESTAMP()), " +
                "('catalog_product_alert', 'pending', NULL), ('sales_clean_quotes', 'success', UTC_TIMESTAMP())");
        }

        var activity = await _workspace.Deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);

        Assert.True(activity.Result == ActivityResult.Success, activity.Log);
        Assert.Contains("1 cron_schedule row(s) left running by ended jobs marked as error.", activity.Log);
        await using (var database = await _workspace.OpenDatabaseAsync("master", SilentObserver.Instance, CancellationToken.None))
        {
            var rows = await Data.DatabaseTransferTests.ScalarsAsync(database.Endpoint,
                "SELECT CONCAT(job_code, ' ', status, ' ', finished_at IS NOT NULL, ' ', COALESCE(messages, '')) FROM cron_schedule ORDER BY schedule_id");
            Assert.StartsWith("indexer_reindex_all_invalid error 1 Ended by the deploy of release", rows[0]);
            Assert.Equal("catalog_product_alert pending 0 ", rows[1]);
            Assert.Equal("sales_clean_quotes success 0 ", rows[2]);
        }
    }
}
