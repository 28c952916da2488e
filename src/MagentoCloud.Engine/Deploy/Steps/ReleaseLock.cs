namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>Releases the environment's lock; runs after a failure too, but only if this deploy holds it.</summary>
public sealed class ReleaseLock : IDeployStep
{
    public string Name => nameof(ReleaseLock);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (!context.LockTaken) return;
        await context.Primary.RunCheckedAsync("Releasing the deploy lock", $"rm -f {DeployHost.LockFile}",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        context.LockTaken = false;
    }

    public bool RunsAfterFailure(DeployContext context) => context.LockTaken;
}
