namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>The post_deploy hook, on one host, in the live release. The release stays live if it fails.</summary>
public sealed class RunPostDeployHook : IDeployStep
{
    public string Name => nameof(RunPostDeployHook);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (context.App?.PostDeployHook is not { } script)
        {
            context.Write("No post_deploy hook.");
            return;
        }
        try
        {
            await Hook.RunAsync(context, "post_deploy", script, DeployHost.CurrentLink, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudException e)
        {
            throw new CloudException(e.Id, e.Message + $" Release {context.ReleaseId} is live already and stays live.", e.Target, e);
        }
    }
}
