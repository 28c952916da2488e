namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Starts the new release's PHP-FPM pool on every host, with the next runtime variables, and goes on without
/// waiting: the pool starts while maintenance, crons and the deploy hook take their time, and no request reaches
/// it before the switch. <see cref="ReleasePoolReady"/> waits for it before the switch; a deploy that fails
/// before its switch stops it again.
/// </summary>
public sealed class StartReleasePool : IDeployStep
{
    public string Name => nameof(StartReleasePool);

    public Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (context.Web is { } web)
            context.PoolsStarting = Task.WhenAll(context.Hosts.Select(host => web.StartPoolAsync(host, context.ReleaseId, cancellationToken)));
        return Task.CompletedTask;
    }

    public async Task UndoAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (context.Web is not { } web || context.PoolsStarting is not { } starting || context.ReleaseLive) return;
        try { await starting.ConfigureAwait(false); }
        catch (Exception e) when (e is not OutOfMemoryException) { /* ReleasePoolReady reported it, or a later step failed first */ }
        foreach (var host in context.Hosts)
        {
            try
            {
                await web.StopPoolAsync(host, context.ReleaseId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                context.Write($"{host.Name}: could not stop the PHP-FPM pool of release {context.ReleaseId} ({e.Message}); the next deploy stops it.");
            }
        }
    }
}
