namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>The deploy hook, on one host, in the new release, before it goes live (maintenance is on).</summary>
public sealed class RunDeployHook : IDeployStep
{
    public string Name => nameof(RunDeployHook);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (context.App?.DeployHook is not { } script)
        {
            context.Write("No deploy hook.");
            return;
        }
        context.DeployHookDuration = await Hook.RunAsync(context, "deploy", script, DeployHost.Release(context.ReleaseId), cancellationToken)
            .ConfigureAwait(false);
    }
}
