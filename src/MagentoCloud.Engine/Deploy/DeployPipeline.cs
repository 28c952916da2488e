using MagentoCloud.Engine.Deploy.Steps;

namespace MagentoCloud.Engine.Deploy;

/// <summary>What a deploy is: these steps, in this order.</summary>
public static class DeployPipeline
{
    public static readonly IReadOnlyList<IDeployStep> Steps =
    [
        new BuildOrReuseSlug(),
        new TakeEnvironmentLock(),
        new UploadRelease(),        // every host, in parallel
        new LinkMounts(),
        new WriteRuntimeVariables(),
        new EnableMaintenance(),
        new ImportConfiguration(),  // config.php's scopes and themes into the database
        new RunDeployHook(),        // one host
        new SwitchCurrentRelease(), // every host, atomic rename
        new StartWebRuntime(),      // every host: nginx and the release's PHP-FPM pool
        new RunPostDeployHook(),
        new DisableMaintenance(),
        new CheckHealth(),          // every host, every upstream route; rollback_on_failure
        new ReleaseLock(),          // also after a failure
        new InstallCrons(),         // one host
        new PruneOldReleases(),
    ];

    public static Task<DeployOutcome> RunAsync(DeployContext context, CancellationToken cancellationToken) =>
        DeployRunner.RunAsync(Steps, context, cancellationToken);
}
