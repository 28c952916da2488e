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
        new ProveSharedStorage(),   // a marker written through one host, read through every other
        new LinkMounts(),
        new WriteRuntimeVariables(),
        new StartReleasePool(),     // every host, in the background: the new release's PHP-FPM pool
        new EnableMaintenance(),
        new ImportConfiguration(),  // config.php's scopes and themes into the database
        new StopCrons(),            // every host: crontab entries and running crons/consumers of this environment
        new StopWorkers(),          // every host: this environment's supervised workers of workers:
        new RunDeployHook(),        // one host
        new CopyHookOutput(),       // app/etc and pub/static, when per host, from that host to the others
        new ReleasePoolReady(),     // the pools started, or the deploy fails before the switch
        new SwitchCurrentRelease(), // every host, atomic rename
        new StartWebRuntime(),      // every host: nginx sends requests to the new pool
        new StartWorkers(),         // every host: the new release's workers, supervised
        new MarkInterruptedCrons(), // cron_schedule rows left running by the stopped crons
        new RunPostDeployHook(),
        new DisableMaintenance(),
        new CheckHealth(),          // every host, every upstream route; rollback_on_failure
        new ReleaseLock(),          // also after a failure
        new InstallCrons(),         // one host, chosen by the topology (cron_host), the next when it is down
        new PruneOldReleases(),
    ];

    public static Task<DeployOutcome> RunAsync(DeployContext context, CancellationToken cancellationToken) =>
        DeployRunner.RunAsync(Steps, context, cancellationToken);
}
