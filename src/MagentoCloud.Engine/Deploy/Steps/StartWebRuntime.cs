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
            foreach (var line in lines.Where(l => !l.StartsWith("php-fpm ", StringComparison.Ordinal)))
                context.Write($"{host.Name}: {line}");
        if (web.PhpVersion is { Length: > 0 } wanted)
        {
            var others = said.SelectMany(s => s.Lines.Where(l => l.StartsWith("php-fpm ", StringComparison.Ordinal) && !l.EndsWith("php-fpm" + wanted, StringComparison.Ordinal))
                .Select(l => $"{s.Host.Name} ({l["php-fpm ".Length..]})")).ToList();
            if (others.Count > 0)
                context.LogObserver.Warning($"The application asks for PHP {wanted}, which {string.Join(", ", others)} lacks; it runs with the PHP found there.");
        }
        context.Write($"{context.Environment} is served at {string.Join(", ", context.HealthChecks.Select(t => t.Url))}.");
    }
}
