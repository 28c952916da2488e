using MagentoCloud.Engine.Build;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Verifies the slug archive (no entry or link may escape the release directory), then streams it
/// to every host at once and unpacks it into <c>releases/&lt;id&gt;</c> (via a <c>.part</c> folder,
/// renamed when complete).
/// </summary>
public sealed class UploadRelease : IDeployStep
{
    public string Name => nameof(UploadRelease);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        var slug = context.Slug ?? throw new InvalidOperationException("No slug: BuildOrReuseSlug must run first.");
        if (context.RemoteSlug is { } remote)
        {
            await FromBuildHostAsync(context, slug, remote, cancellationToken).ConfigureAwait(false);
            return;
        }
        var entries = SlugArchive.Verify(slug.Path);
        context.Write($"Slug archive verified: {entries} entries, none escapes the release directory.");
        await Task.WhenAll(context.Hosts.Select(async host =>
        {
            await using var archive = new FileStream(slug.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            context.Uploaded[host] = true; // from here on, the undo cleans this host
            await host.CreateRootAsync(cancellationToken).ConfigureAwait(false);
            await UnpackAsync(context, host, "zstd -dcq", archive, cancellationToken).ConfigureAwait(false);
            context.Write($"Release {context.ReleaseId} unpacked on {host.Name} ({slug.Size / 1024.0:0.#} KiB sent).");
        })).ConfigureAwait(false);
    }

    /// <summary>
    /// The slug lives on the build host (verified there when it was built): the hosts that lack it get it
    /// from there, unpacked as it arrives (<see cref="SlugRelay"/>); a host that holds it unpacks its own copy.
    /// </summary>
    private static async Task FromBuildHostAsync(DeployContext context, CloudSlug slug, RemoteSlug remote, CancellationToken cancellationToken)
    {
        context.Write($"Slug {slug.Id} is on the build host {remote.Transport.Host} (verified when built: {slug.Files} entries, none escapes the release directory).");
        var held = await Task.WhenAll(context.Hosts.Select(async host =>
        {
            context.Uploaded[host] = true; // from here on, the undo cleans this host
            return await SlugRelay.HoldsAsync(host, slug, remote.Sha256, cancellationToken).ConfigureAwait(false);
        })).ConfigureAwait(false);
        var lacking = context.Hosts.Select((host, index) => (Host: host, ProgressId: index + 1)).Where(h => !held[h.ProgressId - 1]).ToList();
        var file = ShellQuote.Quote(SlugRelay.SlugFile(slug));
        await Task.WhenAll(context.Hosts.Where((_, index) => held[index]).Select(async host =>
            {
                context.Write($"{host.Name} already holds slug {slug.Id}: nothing sent.");
                await UnpackAsync(context, host, $"zstd -dcq {file}", null, cancellationToken, SlugRelay.PruneCommand(slug)).ConfigureAwait(false);
                context.Write($"Release {context.ReleaseId} unpacked on {host.Name} from its copy of slug {slug.Id}.");
            })
            .Append(SlugRelay.SendAsync(context, remote, lacking,
                (source, check, then) => UnpackScript(context.ReleaseId, source, drain: true, check, then), cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>Unpacks what <paramref name="decompress"/> writes into <c>releases/&lt;id&gt;</c>, through a private <c>.part</c> folder.</summary>
    private static async Task UnpackAsync(DeployContext context, DeployHost host, string decompress, Stream? input, CancellationToken cancellationToken,
        string? then = null)
    {
        var result = await host.RunAsync(UnpackScript(context.ReleaseId, decompress, input is not null, null, then), input, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new CloudException(CloudErrorId.DeployFailed,
                $"Unpacking release {context.ReleaseId} on {host.Name} failed with exit code {result.ExitCode}{DeployHost.LastLine(result.Error)}. " +
                "Check the host's free disk space and that zstd and tar are installed.", host.Name);
        }
    }

    /// <summary>
    /// The script, run in the root, that unpacks what <paramref name="source"/> writes (a tar stream) into a
    /// private <c>.part</c> folder, strips unsafe modes, runs <paramref name="check"/>, then moves the folder to
    /// <c>releases/&lt;id&gt;</c> and runs <paramref name="then"/>. <paramref name="drain"/>: the archive comes
    /// on standard input, read to its end when zstd is missing.
    /// </summary>
    private static string UnpackScript(string releaseId, string source, bool drain, string? check, string? then)
    {
        var release = DeployHost.QuotedRelease(releaseId);
        var part = DeployHost.QuotedRelease(releaseId, ".part");
        return "command -v zstd >/dev/null 2>&1 || { echo 'zstd is not installed on this host; install it (apt-get install zstd)' >&2; " +
               (drain ? "cat >/dev/null; " : "") + "exit 127; }; " +
               // Unpacked where only the deploy user can reach it, its unsafe modes stripped, then opened and moved into place.
               $"mkdir -p {DeployHost.ReleasesFolder} {DeployHost.SharedFolder} && rm -rf {part} && mkdir -m 700 {part} && " +
               $"{source} | tar -xpf - --no-same-owner -C {part} && " + (check is null ? "" : $"{{ {check}; }} && ") +
               $"{SlugArchive.StripUnsafeModesCommand(part)} && chmod 755 {part} && mv {part} {release}" + (then is null ? "" : $" && {{ {then}; true; }}");
    }

    public async Task UndoAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (context.ReleaseLive || context.ReleaseId.Length == 0) return;
        var release = DeployHost.QuotedRelease(context.ReleaseId);
        var part = DeployHost.QuotedRelease(context.ReleaseId, ".part");
        await Task.WhenAll(context.Uploaded.Keys.Select(async host =>
        {
            string? problem;
            try
            {
                // Never remove what a host serves (a switch may have reached it before failing elsewhere).
                var result = await host.RunAsync(
                    $"[ \"$(readlink {DeployHost.CurrentLink} 2>/dev/null)\" = {release} ] || rm -rf {release} {part}",
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                problem = result.ExitCode == 0 ? null : DeployHost.LastLine(result.Error);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                problem = ": " + e.Message;
            }
            context.Write(problem is null
                ? $"Removed the unfinished release {context.ReleaseId} from {host.Name}."
                : $"Could not remove the unfinished release {context.ReleaseId} from {host.Name}{problem}; the next deploy's pruning removes it.");
        })).ConfigureAwait(false);
    }
}
