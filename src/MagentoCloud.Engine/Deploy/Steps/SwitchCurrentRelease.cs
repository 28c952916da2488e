using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Points <c>current</c> at the new release on every host by renaming a fresh link over it
/// (atomic: a request sees the old release or the new one, never none), after recording the release
/// in releases.json. If a host fails, the hosts already switched go back.
/// </summary>
public sealed class SwitchCurrentRelease : IDeployStep
{
    public string Name => nameof(SwitchCurrentRelease);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        var record = new ReleaseRecord
        {
            Id = context.ReleaseId,
            Commit = context.Slug?.Commit ?? "",
            SlugId = context.Slug?.Id ?? "",
            CreatedAt = DateTimeOffset.Now,
        };
        // One command per host: the switch is inside the maintenance window, where every round trip counts.
        await Task.WhenAll(context.Hosts.Select(async host =>
        {
            var releases = context.ReleasesBefore.TryGetValue(host, out var before)
                ? before.ToList()
                : await host.ReadReleasesAsync(cancellationToken).ConfigureAwait(false);
            releases.RemoveAll(r => r.Id == record.Id);
            releases.Add(record);
            await PointAsync(host, context.ReleaseId, cancellationToken, releases).ConfigureAwait(false);
            context.Switched[host] = true;
        })).ConfigureAwait(false);
        context.ReleaseLive = true;
        context.Write($"current → releases/{context.ReleaseId} on {string.Join(", ", context.Hosts.Select(h => h.Name))}.");
    }

    public async Task UndoAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (context.ReleaseLive) return;
        foreach (var host in context.Hosts)
        {
            try
            {
                if (context.Switched.ContainsKey(host))
                {
                    var previous = context.PreviousRelease.GetValueOrDefault(host);
                    if (previous is null)
                        await host.RunCheckedAsync("Removing current", $"rm -f {DeployHost.CurrentLink}", cancellationToken: cancellationToken).ConfigureAwait(false);
                    else
                        await PointAsync(host, previous, cancellationToken).ConfigureAwait(false);
                    context.Write($"{host.Name}: current switched back to {previous ?? "nothing"}.");
                }
                var releases = await host.ReadReleasesAsync(cancellationToken).ConfigureAwait(false);
                if (releases.RemoveAll(r => r.Id == context.ReleaseId) > 0)
                    await host.WriteReleasesAsync(releases, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                context.Write($"{host.Name}: could not switch current back ({e.Message}). Run Undo-CloudDeploy once the host is reachable.");
            }
        }
    }

    /// <summary>
    /// ln -sfn into a temporary name, then mv -T over current: rename(2) replaces it atomically.
    /// With <paramref name="releases"/>, releases.json is replaced (by rename) first, in the same command.
    /// </summary>
    internal static async Task PointAsync(DeployHost host, string releaseId, CancellationToken cancellationToken, IEnumerable<ReleaseRecord>? releases = null)
    {
        if (!ReleaseId.IsValid(releaseId))
            throw new CloudException(CloudErrorId.InvalidArgument, $"'{releaseId}' is not a release id; current was not switched.", releaseId);
        var temporary = ShellQuote.Quote($"{DeployHost.CurrentLink}.{releaseId}.tmp");
        var release = DeployHost.QuotedRelease(releaseId);
        var point = $"[ -d {release} ] && ln -sfn {release} {temporary} && mv -Tf {temporary} {DeployHost.CurrentLink}";
        if (releases is null)
        {
            await host.RunCheckedAsync($"Switching current to {releaseId}", point, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }
        using var input = new MemoryStream(DeployHost.SerializeReleases(releases));
        // The new runtime variables go live with the release; no release keeps a copy (older layouts did).
        var runtime = $"{{ [ ! -f {DeployHost.NextRuntimeFile} ] || mv -f {DeployHost.NextRuntimeFile} {DeployHost.RuntimeFile}; }} && " +
                      $"rm -f {DeployHost.ReleasesFolder}/*/{DeployHost.LegacyRuntimeFile}";
        await host.RunCheckedAsync($"Switching current to {releaseId}",
            $"{DeployHost.WriteReleasesScript} && {point} && {runtime}", input, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
