using System.Globalization;
using System.Text;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy;

/// <summary>What an environment's crons, workers and consumers do on each of its hosts: installed where, last run, result, running now.</summary>
public static class EnvironmentCrons
{
    public static async Task<IReadOnlyList<CloudCronStatus>> StatusAsync(string environment, IReadOnlyList<DeployHost> hosts, IReadOnlyList<CronJob> crons,
        CancellationToken cancellationToken)
    {
        var perHost = await Task.WhenAll(hosts.Select(async host =>
        {
            var result = await host.RunAsync(Script(host.Root, crons), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (result.ExitCode == DeployHost.NoRoot) return [];
            if (result.ExitCode != 0)
                throw new CloudException(CloudErrorId.CommandFailed,
                    $"Reading the crons of {environment} failed on {host.Name} with exit code {result.ExitCode}{DeployHost.LastLine(result.Error)}.", host.Name);
            return Read(environment, host.Name, crons, result.Output);
        })).ConfigureAwait(false);
        return perHost.SelectMany(r => r).ToList();
    }

    /// <summary>Prints "installed" when this host runs the crons, "last INDEX TIME EXIT" per cron that ran here, a "worker …" line per worker, "process PID TAB COMMAND" per process under the root.</summary>
    private static string Script(string root, IReadOnlyList<CronJob> crons)
    {
        var script = new StringBuilder(EnvironmentProcesses.ListFunction)
            .Append($"if command -v crontab >/dev/null 2>&1; then crontab -l 2>/dev/null | grep -qxF {ShellQuote.Quote(CronTab.Begin(root))} && echo installed; ")
            .Append($"elif [ -s {CronTab.File} ]; then echo installed; fi\n");
        for (var i = 0; i < crons.Count; i++)
        {
            var log = ShellQuote.Quote($"cron-{crons[i].Name}.log");
            var exit = ShellQuote.Quote($"cron-{crons[i].Name}.exit");
            script.Append($"if [ -f {exit} ]; then echo \"last {i} $(stat -c %Y {exit}) $(cat {exit})\"; ")
                  .Append($"elif [ -f {log} ]; then echo \"last {i} $(stat -c %Y {log}) -\"; fi\n");
        }
        // The workers' state in the same round trip.
        return script.Append(EnvironmentWorkers.StatusScript(root)).Append("mc_all | sed 's/^/process /'\nexit 0").ToString();
    }

    private static List<CloudCronStatus> Read(string environment, string host, IReadOnlyList<CronJob> crons, string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var installed = lines.Contains("installed");
        var processes = lines.Where(l => l.StartsWith("process ", StringComparison.Ordinal))
            .Select(l => l["process ".Length..].Split('\t', 2) is [_, var command] ? command : "").ToList();
        var rows = new List<CloudCronStatus>();
        for (var i = 0; i < crons.Count; i++)
        {
            var cron = crons[i];
            var last = lines.FirstOrDefault(l => l.StartsWith($"last {i} ", StringComparison.Ordinal))?.Split(' ');
            rows.Add(new CloudCronStatus
            {
                Environment = environment, Host = host, Kind = "Cron", Name = cron.Name, Schedule = cron.Spec, Installed = installed,
                LastRun = last is { Length: 4 } && long.TryParse(last[2], CultureInfo.InvariantCulture, out var at) ? DateTimeOffset.FromUnixTimeSeconds(at) : null,
                LastExitCode = last is { Length: 4 } && int.TryParse(last[3], CultureInfo.InvariantCulture, out var code) ? code : null,
                // A cron's job runs as sh -c '<command>' (see InstallCrons).
                Running = processes.Count(p => p.StartsWith("sh -c " + cron.Command, StringComparison.Ordinal)),
            });
        }
        const string consumer = "queue:consumers:start ";
        foreach (var group in processes.Select(p => p.IndexOf(consumer, StringComparison.Ordinal) is >= 0 and var i
                         ? p[(i + consumer.Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() : null)
                     .OfType<string>().GroupBy(n => n, StringComparer.Ordinal))
            rows.Add(new CloudCronStatus { Environment = environment, Host = host, Kind = "Consumer", Name = group.Key, Installed = installed, Running = group.Count() });
        rows.AddRange(EnvironmentWorkers.Read(environment, host, output));
        return rows;
    }
}
