namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>Maintenance off, on every host; runs after a failure too, whenever maintenance was turned on.</summary>
public sealed class DisableMaintenance : IDeployStep
{
    public string Name => nameof(DisableMaintenance);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (!context.MaintenanceOn) return;
        await Task.WhenAll(context.Hosts.Select(host =>
            host.RunCheckedAsync("Turning maintenance off", MaintenanceFlag.OffScript(context), cancellationToken: cancellationToken))).ConfigureAwait(false);
        context.MaintenanceOn = false;
        if (context.MaintenanceStarted is { } started)
        {
            context.MaintenanceWindow = context.Elapsed - started;
            context.Write($"Maintenance window: {context.MaintenanceWindow.TotalMilliseconds:0} ms, of which the deploy hook {context.DeployHookDuration.TotalMilliseconds:0} ms.");
        }
    }

    public bool RunsAfterFailure(DeployContext context) => context.MaintenanceOn;
}
