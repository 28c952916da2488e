namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Before the deploy hook: removes this environment's crons from every host's crontab and ends its running cron and
/// consumer processes (TERM, then KILL after the context's timeout), only those under this environment's root, so no
/// job runs old code against a database the hook changes. A failed deploy puts the crons back.
/// </summary>
public sealed class StopCrons : IDeployStep
{
    public string Name => nameof(StopCrons);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        context.CronsStopped = true;
        var results = await Task.WhenAll(context.Hosts.Select(host => host.RunCheckedAsync("Stopping the crons and consumers",
            $"({CronTab.RemoveScript(host.Root)})\n{EnvironmentProcesses.EndScript((int)Math.Ceiling(context.CronStopTimeout.TotalSeconds))}",
            cancellationToken: cancellationToken))).ConfigureAwait(false);
        var ended = 0;
        foreach (var result in results)
            foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.StartsWith("ended ", StringComparison.Ordinal)) ended++;
                context.Write($"{result.Host}: {line}");
            }
        context.Write(ended == 0 ? "Crons removed; no cron or consumer of this environment was running." : $"Crons removed; {ended} cron or consumer process(es) ended.");
    }

    public async Task UndoAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (!context.CronsStopped) return;
        // Live is the release the crons belong to: the new one once switched, else the one from before.
        await InstallCrons.InstallAsync(context, fromApp: context.ReleaseLive, cancellationToken).ConfigureAwait(false);
    }
}
