namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>Maintenance on, on every host, for the deploy hook (it may change the database).</summary>
public sealed class EnableMaintenance : IDeployStep
{
    public string Name => nameof(EnableMaintenance);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        context.MaintenanceOn = true; // set first: a partial failure is still cleaned up
        context.MaintenanceStarted = context.Elapsed;
        await Task.WhenAll(context.Hosts.Select(host =>
            host.RunCheckedAsync("Turning maintenance on", MaintenanceFlag.OnScript(context), cancellationToken: cancellationToken))).ConfigureAwait(false);
    }
}
