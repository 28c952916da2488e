using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MagentoCloud.Engine.Build;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy;

/// <summary>
/// Sends a slug from the build host straight to the deploy hosts, never through this machine: the build
/// host connects out (its own <c>ssh</c>, batch mode, strict host-key checks against the deploy hosts'
/// keys from this machine's known_hosts file, sent with the command). The build host pushes rather than
/// the deploy hosts pull because then only one machine needs a key (the build host's, accepted by the
/// deploy hosts), and production hosts need no way out.
/// One command on the build host pushes to every host that lacks the slug at once, one stream each;
/// each deploy host unpacks the stream as it arrives (into the release's private <c>.part</c> folder),
/// keeps a copy in the environment's <c>slugs/</c> folder and hashes it on the way, and only moves the
/// release and the copy into place when the SHA-256 matches the build host's. The build host keeps its
/// connections to the deploy hosts open for <see cref="KeepConnectionsSeconds"/> after a transfer
/// (OpenSSH connection sharing, a socket in the build user's <c>~/.ssh</c>), as this machine keeps its
/// own, so the next deploy does not pay for new connections.
/// </summary>
internal static class SlugRelay
{
    /// <summary>Where a deploy host keeps the slugs it received, in the environment's root.</summary>
    public const string SlugsFolder = "slugs";

    /// <summary>Slugs a deploy host keeps (the newest by use); older ones go, their releases stay.</summary>
    public const int KeptSlugs = 3;

    /// <summary>How long the build host keeps an idle connection to a deploy host open.</summary>
    public const int KeepConnectionsSeconds = 120;

    /// <summary>The marker of the line the build host writes when a host's transfer ended.</summary>
    private const string DoneMarker = "mc-relay-done";

    /// <summary>The slug's file on a deploy host, relative to the environment's root.</summary>
    public static string SlugFile(CloudSlug slug) => $"{SlugsFolder}/{slug.Key}.tar.zst";

    /// <summary>Makes the host's root and tells whether it holds the slug already (its SHA-256 checked): one round trip.</summary>
    public static async Task<bool> HoldsAsync(DeployHost host, CloudSlug slug, string sha256, CancellationToken cancellationToken)
    {
        var file = ShellQuote.Quote(SlugFile(slug));
        var root = ShellQuote.Quote(host.Root);
        var held = await host.Transport.RunAsync(CommandRequest.Shell(
                $"mkdir -p {root} && cd {root} && {{ [ -f {file} ] && sha256sum {file} | cut -d' ' -f1; true; }}"), cancellationToken)
            .ConfigureAwait(false);
        if (held.ExitCode != 0)
            throw new CloudException(CloudErrorId.DeployFailed,
                $"Could not make the environment folder {host.Root} on {host.Name}{DeployHost.LastLine(held.Error)}.", host.Name);
        return held.Output.Trim() == sha256;
    }

    /// <summary>
    /// Sends the slug from the build host to <paramref name="hosts"/> at once; on each, <paramref name="unpack"/>
    /// (given the shell pipeline that yields the archive and the check to run before the release is moved into
    /// place) unpacks it as it arrives. Throws, naming every host that failed, after all ended.
    /// </summary>
    public static async Task SendAsync(DeployContext context, RemoteSlug remote, IReadOnlyList<(DeployHost Host, int ProgressId)> hosts,
        Func<string, string, string, string> unpack, CancellationToken cancellationToken)
    {
        if (hosts.Count == 0) return;
        var slug = context.Slug!;
        var clock = Stopwatch.StartNew();
        var id = Guid.NewGuid().ToString("N");
        var files = $"{remote.ProjectFolder}/.relay-{id}";
        var script = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"f={ShellQuote.Quote(files)}\n")
            .Append("trap 'rm -f \"$f\".*' EXIT\n")
            .Append("umask 077 && mkdir -p \"$HOME/.ssh\" || exit 1\n")
            .Append("cat > \"$f.known_hosts\" <<'MC_KNOWN_HOSTS_END'\n").Append(context.DeployHostsKnownHosts.TrimEnd('\n')).Append("\nMC_KNOWN_HOSTS_END\n");
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = hosts[i].Host;
            context.Observer.Progress(new OperationProgress($"Slug {slug.Id} to {host.Name}", $"Sending {slug.Size / 1024.0:0.#} KiB from {remote.Transport.Host}", 0)
                { Id = hosts[i].ProgressId });
            var ssh = SshArguments(remote, SshHost.Parse(host.Name), files + ".known_hosts");
            ssh.Add(ReceiveScript(host, slug, remote.Sha256, unpack));
            script.Append(CultureInfo.InvariantCulture,
                $"( {ShellQuote.Join(ssh)} < {ShellQuote.Quote(remote.ArchivePath)} > /dev/null 2> \"$f.err{i}\"; " +
                $"echo \"{DoneMarker} {i} $? $(tail -n 3 \"$f.err{i}\" | tr '\\n' ' ')\" ) &\n");
        }
        script.Append("wait\n");

        var failures = new List<string>();
        void Done(string line)
        {
            var parts = line.Split(' ', 4);
            if (parts.Length < 3 || parts[0] != DoneMarker || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var i) || i < 0 || i >= hosts.Count) return;
            var (host, progressId) = hosts[i];
            context.Observer.Progress(new OperationProgress($"Slug {slug.Id} to {host.Name}", "Sent", 100) { Id = progressId, Completed = true });
            if (parts[2] == "0")
            {
                context.Write($"Slug {slug.Id} sent from {remote.Transport.Host} to {host.Name} and unpacked as it arrived: " +
                              $"{slug.Size / 1024.0:0.#} KiB in {clock.Elapsed.TotalSeconds:0.0} s, SHA-256 checked there.");
                return;
            }
            lock (failures)
                failures.Add($"to {host.Name} failed with exit code {parts[2]}" + (parts.Length > 3 && parts[3].Trim().Length > 0 ? ": " + parts[3].Trim() : ""));
        }
        var result = await remote.Transport.RunAsync(new CommandRequest { Script = script.ToString(), OnOutputLine = Done }, cancellationToken)
            .ConfigureAwait(false);
        if (result.ExitCode != 0) lock (failures) failures.Add($"on the build host failed with exit code {result.ExitCode}{DeployHost.LastLine(result.Error)}");
        lock (failures)
        {
            if (failures.Count == 0) return;
            throw new CloudException(CloudErrorId.DeployFailed,
                $"Sending slug {slug.Id} from the build host {remote.Transport.Host} {string.Join("; ", failures)}. " +
                "The build host connects to the deploy hosts itself: give it a key they accept (build.deploy_identity_file in .magento/topology.yaml) " +
                "and make sure it can reach their SSH port.", hosts[0].Host.Name);
        }
    }

    /// <summary>The build host's ssh to <paramref name="target"/>: batch mode, strict host keys, a shared connection kept open a while.</summary>
    private static List<string> SshArguments(RemoteSlug remote, SshHost target, string knownHosts)
    {
        // One shared connection per deploy key and host: a socket name of its own per key, so a project never rides another key's login.
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(remote.BuildHost.DeployIdentityFile ?? "")))[..8].ToLowerInvariant();
        var ssh = new List<string>
        {
            "ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", $"UserKnownHostsFile={knownHosts}",
            "-o", "ConnectTimeout=15", "-o", "LogLevel=ERROR", "-o", "ControlMaster=auto", "-o", $"ControlPath=~/.ssh/mc-{key}-%C",
            "-o", $"ControlPersist={KeepConnectionsSeconds}", "-p", target.Port.ToString(CultureInfo.InvariantCulture),
        };
        if (remote.BuildHost.DeployIdentityFile is { } identity) ssh.AddRange(["-i", identity, "-o", "IdentitiesOnly=yes"]);
        ssh.Add($"{target.User}@{target.HostName}");
        return ssh;
    }

    /// <summary>
    /// What a deploy host runs for the stream: the archive is written to <c>slugs/.in-*</c> and hashed (through a
    /// fifo) while it is unpacked; the release and the copy are kept only when the hash matches.
    /// </summary>
    private static string ReceiveScript(DeployHost host, CloudSlug slug, string sha256, Func<string, string, string, string> unpack)
    {
        var incoming = $"{SlugsFolder}/.in-{Guid.NewGuid():N}";
        var source =
            "mkfifo \"$i.fifo\" && { sha256sum < \"$i.fifo\" > \"$i.sum\" & } && " +
            "{ tee \"$i\" \"$i.fifo\"; echo $? > \"$i.rc\"; } | zstd -dcq";
        var check =
            "wait; [ \"$(cat \"$i.rc\")\" = 0 ] && [ \"$(cut -d' ' -f1 \"$i.sum\")\" = " + sha256 + " ] || " +
            "{ echo 'the slug arrived damaged: its SHA-256 does not match the build host'\"'\"'s' >&2; exit 3; }";
        var then = $"mv -f \"$i\" {ShellQuote.Quote(SlugFile(slug))} && {{ {PruneCommand(slug)}; }}";
        return $"cd {ShellQuote.Quote(host.Root)} || exit 1\n" +
               $"i={incoming}; trap 'rm -f \"$i\" \"$i.fifo\" \"$i.sum\" \"$i.rc\"' EXIT\n" +
               $"mkdir -p {SlugsFolder} || exit 1\n" +
               unpack(source, check, then);
    }

    /// <summary>A shell fragment, run in the root: keeps the newest <see cref="KeptSlugs"/> slugs (this one counts as just used).</summary>
    public static string PruneCommand(CloudSlug slug) =>
        $"touch {ShellQuote.Quote(SlugFile(slug))} && ls -t {SlugsFolder}/*.tar.zst | tail -n +{KeptSlugs + 1} | while IFS= read -r old; do rm -f \"$old\"; done";
}
