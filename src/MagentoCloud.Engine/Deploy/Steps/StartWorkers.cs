namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// After the switch: every host runs the new release's <c>workers:</c>, each under its supervisor (started again when
/// it exits), with the runtime variables; workers the application no longer has are gone.
/// </summary>
public sealed class StartWorkers : IDeployStep
{
    public string Name => nameof(StartWorkers);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        var workers = context.App?.Workers ?? [];
        var results = await Task.WhenAll(context.Hosts.Select(host => host.RunCheckedAsync("Starting the workers",
            EnvironmentWorkers.StartScript(host.Root, workers), cancellationToken: cancellationToken))).ConfigureAwait(false);
        foreach (var result in results)
            foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                context.Write($"{result.Host}: worker {line}");
        context.WorkersStopped = false;
        if (workers.Count > 0) context.Write($"Workers running under supervision on {context.Hosts.Count} host(s): {string.Join(", ", workers.Select(w => w.Name))}.");
    }
}
