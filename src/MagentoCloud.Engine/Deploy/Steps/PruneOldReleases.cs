using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>Keeps the newest releases (and always the live one) on every host; removes the rest and any unfinished folders.</summary>
public sealed class PruneOldReleases : IDeployStep
{
    public string Name => nameof(PruneOldReleases);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        var keep = Math.Max(1, context.KeepReleases);
        await Task.WhenAll(context.Hosts.Select(async host =>
        {
            var current = await host.CurrentReleaseAsync(cancellationToken).ConfigureAwait(false);
            var releases = await host.ReadReleasesAsync(cancellationToken).ConfigureAwait(false);
            var kept = releases.OrderByDescending(r => r.CreatedAt).Take(keep).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            if (current is not null) kept.Add(current);
            var listed = await host.RunCheckedAsync("Listing releases", $"ls -1 {DeployHost.ReleasesFolder} 2>/dev/null || true",
                cancellationToken: cancellationToken).ConfigureAwait(false);
            var folders = listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            // Only unfinished folders of other deploys are left alone: they may be uploading now.
            var remove = folders.Where(f => !kept.Contains(f) && !f.EndsWith(".part", StringComparison.Ordinal)).ToList();
            if (remove.Count > 0)
            {
                await host.RunCheckedAsync("Removing old releases",
                    "rm -rf " + string.Join(' ', remove.Select(f => ShellQuote.Quote($"{DeployHost.ReleasesFolder}/{f}"))),
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            if (releases.RemoveAll(r => !kept.Contains(r.Id)) > 0)
                await host.WriteReleasesAsync(releases, cancellationToken).ConfigureAwait(false);
            context.Write($"{host.Name}: kept {kept.Count} release(s), removed {remove.Count}.");
        })).ConfigureAwait(false);
    }
}
