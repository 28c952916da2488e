using System.Diagnostics;
using System.Text;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Runtime;
using MagentoCloud.Engine.Tests.Infrastructure;

namespace MagentoCloud.Engine.Tests.Runtime;

/// <summary>Hooks' and crons' output is kept per host (stamped, masked, rotated, private) and read or followed with the web logs.</summary>
[Collection(TestServicesCollection.Name)]
public sealed class HostLogTests(TestServices services)
{
    private const string Secret = "s3cr3t-Token_4f9a";

    // The hooks and the cron print the secret, plainly and as base64; the cron's command holds % (a newline to cron, unescaped).
    private const string Extra = """

        hooks:
            deploy: |
                echo deploying-now
                echo "token is $API_TOKEN"
            post_deploy: |
                echo post-done
                printf '%s' "$API_TOKEN" | base64
        crons:
            hello:
                spec: "*/5 * * * *"
                cmd: "echo cron-ran; printf 'pct=%d%%\\n' 50; printf '%s\\n' 'bs=\\%'; echo \"cron sees $API_TOKEN\"; printf '%s' \"$API_TOKEN\" | base64; exit 3"
        """;

    private static async Task<LiveProject> DeployedAsync(TestServices services)
    {
        var project = await LiveProject.CreateAsync(services);
        await project.Workspace.Variables.SetAsync("env:API_TOKEN", Secret, settings: new VariableSettings { Sensitive = true });
        var activity = await project.DeployAsync(project.Commit(Files()));
        Assert.Equal(ActivityResult.Success, activity.Result);
        return project;
    }

    private static Dictionary<string, string> Files(string? marker = null)
    {
        var files = new Dictionary<string, string> { [".magento.app.yaml"] = File.ReadAllText(Path.Combine(ShopSite.AppFolder, ".magento.app.yaml")) + Extra };
        if (marker is not null) files["marker.txt"] = marker;
        return files;
    }

    /// <summary>What cron (Vixie's, Debian's) runs for a crontab line: its command, cut at the first unescaped %, each \% made %.</summary>
    internal static string AsCronRunsIt(string line)
    {
        var command = new StringBuilder();
        var escaped = false;
        foreach (var c in string.Join(' ', line.Split(' ').Skip(5)))
        {
            if (escaped)
            {
                if (c == '%') command.Length--; // the backslash goes, the % stays
                command.Append(c);
                escaped = false;
                continue;
            }
            if (c == '%') break;
            if (c == '\\') escaped = true;
            command.Append(c);
        }
        return command.ToString();
    }

    /// <summary>Runs the crontab's job as cron would (its command, without the schedule).</summary>
    private static void RunCron(LiveProject project)
    {
        var line = File.ReadAllLines(Path.Combine(project.EnvironmentRoot(), "crontab")).Single(l => l.Length > 0);
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", AsCronRunsIt(line)]))!;
        process.WaitForExit();
    }

    private static IEnumerable<string> LogFiles(LiveProject project) =>
        Directory.EnumerateFiles(Path.Combine(project.EnvironmentRoot(), HostLog.Folder), "*.log*");

    [Fact]
    public async Task The_hooks_output_is_kept_in_the_hosts_deploy_log_with_its_time_masked_and_private()
    {
        await using var project = await DeployedAsync(services);

        var lines = await project.Workspace.Deployments.GetLogsAsync("master", ["deploy"], null, 50, null, CancellationToken.None);

        Assert.Contains(lines, l => l.Log == "deploy" && l.Host == "local" && l.Text.EndsWith("deploy: deploying-now") && l.Time is not null);
        Assert.Contains(lines, l => l.Text.EndsWith("post_deploy: post-done"));
        Assert.Contains(lines, l => l.Text.EndsWith("deploy: token is " + SecretMask.Mask));
        Assert.Contains(lines, l => l.Text.Contains("deploy: hook ended with exit code 0"));
        Assert.DoesNotContain(lines, l => l.Text.Contains(Secret) || l.Text.Contains(Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret))));
        var folder = Path.Combine(project.EnvironmentRoot(), HostLog.Folder);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "deploy.log")));
    }

    [Fact]
    public async Task A_cron_keeps_its_exit_code_for_GetCloudCron_and_its_output_stamped_in_the_cron_log_percent_signs_whole()
    {
        await using var project = await DeployedAsync(services);
        RunCron(project);

        var lines = await project.Workspace.Deployments.GetLogsAsync("master", ["cron"], null, 50, DateTimeOffset.Now.AddMinutes(-5), CancellationToken.None);
        Assert.Contains(lines, l => l.Log == "cron" && l.Text.EndsWith("hello: cron-ran") && l.Time is not null);
        // Without the escape cron cuts the line at the first %: no pct line, no exit code, no log.
        Assert.Contains(lines, l => l.Text.EndsWith("hello: pct=50%"));
        Assert.Contains(lines, l => l.Text.EndsWith(@"hello: bs=\%"));
        Assert.Contains(lines, l => l.Text.EndsWith("hello: failed with exit code 3"));
        Assert.Contains(lines, l => l.Text.EndsWith("hello: cron sees " + SecretMask.Mask));
        Assert.Equal("3", File.ReadAllText(Path.Combine(project.EnvironmentRoot(), "cron-hello.exit")).Trim());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(project.EnvironmentRoot(), HostLog.Folder, "cron.log")));
    }

    [Fact]
    public async Task A_secret_never_reaches_a_log_file_rotated_ones_included_and_each_log_stays_within_its_bound()
    {
        await using var project = await DeployedAsync(services);
        var folder = Path.Combine(project.EnvironmentRoot(), HostLog.Folder);
        var cron = Path.Combine(folder, "cron.log");
        var deploy = Path.Combine(folder, "deploy.log");
        // Both logs just under the bound: the next lines rotate them mid-write.
        foreach (var log in new[] { cron, deploy })
            using (var full = File.Open(log, FileMode.Append)) full.SetLength(HostLog.MaxBytes - 10);
        RunCron(project);
        RunCron(project);
        var activity = await project.DeployAsync(project.Commit(Files("2")));
        Assert.Equal(ActivityResult.Success, activity.Result);

        Assert.True(File.Exists(cron + ".1") && File.Exists(deploy + ".1"));
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret));
        foreach (var file in LogFiles(project))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain(Secret, text);
            Assert.DoesNotContain(encoded, text);
            Assert.True(new FileInfo(file).Length <= HostLog.MaxBytes + 4096, $"{file} is {new FileInfo(file).Length} bytes");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        Assert.Contains("cron sees " + SecretMask.Mask, File.ReadAllText(cron));
        Assert.Contains("token is " + SecretMask.Mask, File.ReadAllText(deploy));
    }

    [Fact]
    public async Task Follow_writes_new_lines_as_they_come_until_cancelled_and_leaves_no_tail_behind()
    {
        await using var project = await DeployedAsync(services);
        var seen = new System.Collections.Concurrent.ConcurrentQueue<CloudLogLine>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var follow = project.Workspace.Deployments.FollowLogsAsync("master", ["deploy", "cron"], null, 5, null, seen.Enqueue, stop.Token);

        await WaitForAsync(() => seen.Any(l => l.Log == "deploy" && l.Text.EndsWith("post-done")), follow, () => string.Join("\n", seen.Select(l => $"{l.Log} {l.Text}")));
        var tails = TailsOn(project);
        Assert.NotEmpty(tails);
        RunCron(project);
        await WaitForAsync(() => seen.Any(l => l.Log == "cron" && l.Text.EndsWith("hello: cron-ran") && l.Host == "local"), follow, () => string.Join("\n", seen.Select(l => $"{l.Log} {l.Text}")));
        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => follow);
        foreach (var pid in tails) await Processes.WaitGoneAsync(pid);
    }

    /// <summary>The tail processes that follow this project's logs.</summary>
    internal static List<int> TailsOn(LiveProject project) =>
        Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0).Where(pid => pid > 0)
            .Where(pid =>
            {
                try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ') is var c && c.StartsWith("tail ") && c.Contains(project.Root); }
                catch (IOException) { return false; }
                catch (UnauthorizedAccessException) { return false; }
            }).ToList();

    private static async Task WaitForAsync(Func<bool> condition, Task? running = null, Func<string>? seen = null)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            if (running is { IsCompleted: true }) await running; // its failure, not a timeout
            await Task.Delay(50);
        }
        Assert.True(condition(), seen?.Invoke());
    }
}
