using MagentoCloud.Engine.Runtime;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Every deploy ends live and checked: on every host, each upstream route is requested through that
/// host's own nginx with the environment's Host header. A 5xx (or another status than the one the
/// topology expects), a timeout or a refused connection fails the deploy, naming host, URL, status and
/// the first 200 bytes of the body. With <c>rollback_on_failure</c>, every host goes back to the
/// previous release first (the platform does not do this; we do).
/// </summary>
public sealed class CheckHealth : IDeployStep
{
    public string Name => nameof(CheckHealth);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (context.Web is not { } web || context.HealthChecks.Count == 0) return;
        var failures = (await Task.WhenAll(context.Hosts.SelectMany(host => context.HealthChecks.Select(target =>
            HealthProbe.RequestAsync(host, web.Listen(host), target, context.HealthCheck, cancellationToken)))).ConfigureAwait(false))
            .OfType<string>().ToList();
        if (failures.Count == 0)
        {
            context.Write($"Health check passed on {string.Join(", ", context.Hosts.Select(h => h.Name))}: {string.Join(", ", context.HealthChecks.Select(t => t.Url))}.");
            return;
        }
        foreach (var failure in failures) context.Write(failure);
        var rolledBack = context.RollbackOnFailure && await RollBackAsync(context, web, cancellationToken).ConfigureAwait(false);
        throw new CloudException(CloudErrorId.DeployFailed,
            string.Join(" ", failures) + (rolledBack ? $" Rolled back: every host serves release {context.PreviousRelease.GetValueOrDefault(context.Primary)} again." : ""),
            context.Environment);
    }

    private static async Task<bool> RollBackAsync(DeployContext context, WebRuntime web, CancellationToken cancellationToken)
    {
        if (context.Hosts.Any(h => context.PreviousRelease.GetValueOrDefault(h) is null))
        {
            context.Write("Rollback on failure: there is no previous release to go back to (first deploy); the new release stays live.");
            return false;
        }
        await Task.WhenAll(context.Hosts.Select(async host =>
        {
            var previous = context.PreviousRelease[host]!;
            await SwitchCurrentRelease.PointAsync(host, previous, cancellationToken).ConfigureAwait(false);
            await web.StartAsync(host, previous, cancellationToken).ConfigureAwait(false);
        })).ConfigureAwait(false);
        // No longer live: the runner's undo now removes the failed release as after any failure before the switch.
        context.ReleaseLive = false;
        context.Write($"Rollback on failure: current → releases/{context.PreviousRelease[context.Primary]} on {string.Join(", ", context.Hosts.Select(h => h.Name))}; " +
                      $"release {context.ReleaseId} is removed. The database was not rolled back.");
        return true;
    }
}
