namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Before the deploy hook: ends this environment's workers (their supervisors and process groups, TERM then KILL after
/// the context's timeout) on every host, so none runs old code against a database the hook changes. A failed deploy
/// starts them again from the live release.
/// </summary>
public sealed class StopWorkers : IDeployStep
{
    public string Name => nameof(StopWorkers);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        // Checked before anything stops: the names become file names on the hosts.
        if ((context.App?.Workers ?? []).FirstOrDefault(w => !EnvironmentWorkers.IsValidName(w.Name)) is { Name: { } bad })
            throw new CloudException(CloudErrorId.ProjectInvalid,
                $"Worker '{bad}' of .magento.app.yaml has a name that can't name its files: use letters, digits, '-', '_' and '.'. Rename it and deploy again.", bad);
        context.WorkersStopped = true;
        var timeout = (int)Math.Ceiling(context.CronStopTimeout.TotalSeconds);
        var results = await Task.WhenAll(context.Hosts.Select(host => host.RunCheckedAsync("Stopping the workers",
            EnvironmentWorkers.StopScript(host.Root, timeout), cancellationToken: cancellationToken))).ConfigureAwait(false);
        foreach (var result in results)
            foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                context.Write($"{result.Host}: worker {line}");
    }

    public async Task UndoAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (!context.WorkersStopped) return;
        // The scripts on the hosts are the live release's until StartWorkers writes the new ones.
        foreach (var host in context.Hosts)
        {
            var result = await host.RunAsync(EnvironmentWorkers.StartExisting(host.Root), cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                context.Write($"{host.Name}: worker {line}");
        }
    }
}
