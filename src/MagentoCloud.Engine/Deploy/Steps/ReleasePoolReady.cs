namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Waits for the new release's PHP-FPM pools that <see cref="StartReleasePool"/> started: a pool that could not
/// start fails the deploy before the switch, while the old release still serves.
/// </summary>
public sealed class ReleasePoolReady : IDeployStep
{
    public string Name => nameof(ReleasePoolReady);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (context.PoolsStarting is not { } starting) return;
        var said = await starting.WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (host, lines) in context.Hosts.Zip(said))
            foreach (var line in lines.Where(l => !l.StartsWith("php-", StringComparison.Ordinal)))
                context.Write($"{host.Name}: {line}");
    }
}
