using MagentoCloud.Engine.Runtime;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Every host serves the new release: nginx started (or reloaded with the environment's site) and
/// the release's PHP-FPM pool started with its runtime variables; the previous release's pool stops
/// once nginx no longer sends it requests. A host that rebooted gets its processes back here.
/// </summary>
public sealed class StartWebRuntime : IDeployStep
{
    public string Name => nameof(StartWebRuntime);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (context.Web is not { } web) return;
        var said = await Task.WhenAll(context.Hosts.Select(async host =>
            (Host: host, Lines: await web.StartAsync(host, context.ReleaseId, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        foreach (var (host, lines) in said)
        {
            foreach (var line in lines.Where(l => !l.StartsWith("php-", StringComparison.Ordinal)))
                context.Write($"{host.Name}: {line}");
            // Each host says which PHP it serves with; the deploy goes on with it, and says so.
            if (HostPhp.Parse(host.Name, web.PhpVersion, lines).Warning() is { } warning)
            {
                context.Write("WARNING: " + warning);
                context.LogObserver.Warning(warning);
            }
        }
        context.Write($"{context.Environment} is served at {string.Join(", ", context.HealthChecks.Select(t => t.Url))}.");
    }
}
