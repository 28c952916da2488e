using System.Diagnostics;
using MagentoCloud.Engine.Build;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy;

/// <summary>
/// Sends a slug from the build host straight to a deploy host, never through this machine: the build
/// host connects out (its own <c>ssh</c>, batch mode, strict host-key checks against the deploy hosts'
/// keys from this machine's known_hosts file, sent to it for the transfer). The build host pushes rather
/// than the deploy hosts pull because then only one machine needs a key (the build host's, accepted by
/// the deploy hosts), and production hosts need no way out. The slug lands in the environment's
/// <c>slugs/</c> folder, where its SHA-256 is checked before it is kept; a host that already holds it
/// (a promotion, a retry) gets nothing.
/// </summary>
internal static class SlugRelay
{
    /// <summary>Where a deploy host keeps the slugs it received, in the environment's root.</summary>
    public const string SlugsFolder = "slugs";

    /// <summary>Slugs a deploy host keeps (the newest by use); older ones go, their releases stay.</summary>
    public const int KeptSlugs = 3;

    /// <summary>The slug's file on a deploy host, relative to the environment's root.</summary>
    public static string SlugFile(CloudSlug slug) => $"{SlugsFolder}/{slug.Key}.tar.zst";

    /// <summary>Makes sure <paramref name="host"/> holds the slug, checked; true when it was sent, false when it was there already.</summary>
    public static async Task<bool> EnsureAsync(DeployContext context, RemoteSlug remote, DeployHost host, string knownHostsOnBuildHost, int progressId,
        CancellationToken cancellationToken)
    {
        var slug = context.Slug!;
        var file = ShellQuote.Quote(SlugFile(slug));
        var held = await host.RunAsync($"[ -f {file} ] && sha256sum {file} | cut -d' ' -f1; true", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (held.Output.Trim() == remote.Sha256)
        {
            context.Write($"{host.Name} already holds slug {slug.Id}: nothing sent.");
            return false;
        }

        var activity = $"Slug {slug.Id} to {host.Name}";
        context.Observer.Progress(new OperationProgress(activity, $"Sending {slug.Size / 1024.0:0.#} KiB from {remote.Transport.Host}", 0) { Id = progressId });
        var clock = Stopwatch.StartNew();
        var target = SshHost.Parse(host.Name);
        var incoming = ShellQuote.Quote($"{SlugsFolder}/.in-{Guid.NewGuid():N}");
        var receive =
            $"cd {ShellQuote.Quote(host.Root)} && mkdir -p {SlugsFolder} && cat > {incoming} || {{ rm -f {incoming}; exit 1; }}\n" +
            $"if [ \"$(sha256sum {incoming} | cut -d' ' -f1)\" != {remote.Sha256} ]; then rm -f {incoming}; " +
            "echo 'the slug arrived damaged: its SHA-256 does not match the build host'\"'\"'s' >&2; exit 3; fi\n" +
            $"mv -f {incoming} {file}";
        var ssh = new List<string>
        {
            "ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", $"UserKnownHostsFile={knownHostsOnBuildHost}",
            "-o", "ConnectTimeout=15", "-o", "LogLevel=ERROR", "-p", target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (remote.BuildHost.DeployIdentityFile is { } identity) ssh.AddRange(["-i", identity, "-o", "IdentitiesOnly=yes"]);
        ssh.AddRange([$"{target.User}@{target.HostName}", receive]);
        var result = await remote.Transport.RunAsync(new CommandRequest
        {
            Script = $"exec {ShellQuote.Join(ssh)} < {ShellQuote.Quote(remote.ArchivePath)}",
        }, cancellationToken).ConfigureAwait(false);
        context.Observer.Progress(new OperationProgress(activity, "Sent", 100) { Id = progressId, Completed = true });
        if (result.ExitCode != 0)
        {
            throw new CloudException(CloudErrorId.DeployFailed,
                $"Sending slug {slug.Id} from the build host {remote.Transport.Host} to {host.Name} failed with exit code {result.ExitCode}{DeployHost.LastLine(result.Error)}. " +
                "The build host connects to the deploy hosts itself: give it a key they accept (build.deploy_identity_file in .magento/topology.yaml) " +
                "and make sure it can reach their SSH port.", host.Name);
        }
        context.Write($"Slug {slug.Id} sent from {remote.Transport.Host} to {host.Name}: {slug.Size / 1024.0:0.#} KiB in {clock.Elapsed.TotalSeconds:0.0} s, SHA-256 checked there.");
        return true;
    }

    /// <summary>Writes the deploy hosts' known keys to the build host for one transfer (removed with <see cref="ForgetKnownHostsAsync"/>).</summary>
    public static async Task<string> SendKnownHostsAsync(RemoteSlug remote, string knownHostsText, CancellationToken cancellationToken)
    {
        var path = $"{remote.ProjectFolder}/.known_hosts-{Guid.NewGuid():N}";
        await remote.Transport.WriteTextAsync(path, knownHostsText, UnixFileMode.UserRead | UnixFileMode.UserWrite, cancellationToken).ConfigureAwait(false);
        return path;
    }

    public static async Task ForgetKnownHostsAsync(RemoteSlug remote, string path)
    {
        try { await remote.Transport.DeleteAsync(path, ct: CancellationToken.None).ConfigureAwait(false); }
        catch (Exception e) when (e is CloudException or IOException or ObjectDisposedException) { /* a later transfer writes its own */ }
    }

    /// <summary>A shell fragment, run in the root: keeps the newest <see cref="KeptSlugs"/> slugs (this one counts as just used).</summary>
    public static string PruneCommand(CloudSlug slug) =>
        $"touch {ShellQuote.Quote(SlugFile(slug))} && ls -t {SlugsFolder}/*.tar.zst | tail -n +{KeptSlugs + 1} | while IFS= read -r old; do rm -f \"$old\"; done";
}
