using System.Text;
using System.Text.Json;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy;

/// <summary>
/// One host of an environment and the environment's layout on it, under <see cref="Root"/>:
/// <c>releases/&lt;id&gt;/</c>, <c>shared/&lt;mount&gt;/</c>, <c>current</c> → <c>releases/&lt;id&gt;</c>,
/// <c>deploy.lock</c>, <c>releases.json</c>, and while a deploy runs <c>deploy.hook</c> and
/// <c>deploy.maintenance</c>. Paths given to commands are relative to the root.
/// </summary>
public sealed class DeployHost(ITransport transport, string root)
{
    public const string ReleasesFolder = "releases";
    public const string SharedFolder = "shared";
    public const string CurrentLink = "current";
    public const string LockFile = "deploy.lock";
    public const string ReleasesFile = "releases.json";

    /// <summary>
    /// The environment's runtime variables, secrets among them: one file in the root (mode 600), never in
    /// a release, replaced by each deploy at the switch, so no release keeps a value that has changed since.
    /// </summary>
    public const string RuntimeFile = "runtime.env";

    /// <summary>The next deploy's runtime variables until its switch (its deploy hook reads them); removed when it fails.</summary>
    public const string NextRuntimeFile = "runtime.env.next";

    /// <summary>What belongs to one release and is no secret (its folder, tree, release id): kept in the release.</summary>
    public const string ReleaseFile = ".magento/release.env";

    /// <summary>Where releases before this layout kept their copy of the runtime variables (removed at the next switch).</summary>
    internal const string LegacyRuntimeFile = ".magento/runtime.env";

    /// <summary>
    /// A script fragment, run in the root: reads the runtime variables, enters <paramref name="directory"/>, reads its
    /// release's own (a release made before they had a file of their own has none: it goes without).
    /// </summary>
    public static string EnterRelease(string directory, string runtimeFile = RuntimeFile) =>
        $". ./{runtimeFile} && cd {ShellQuote.Quote(directory)} && {{ [ ! -f {ReleaseFile} ] || . ./{ReleaseFile}; }}";

    /// <summary>The running hook's process group (its leader's pid and start time), while a hook runs: what recovery ends.</summary>
    public const string HookFile = "deploy.hook";

    /// <summary>The release a deploy turned maintenance on for, until it turns it off: what recovery turns off.</summary>
    public const string MaintenanceFile = "deploy.maintenance";

    /// <summary>The exit code of a command run where the environment root does not exist.</summary>
    public const int NoRoot = 125;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public ITransport Transport { get; } = transport;

    public string Root { get; } = root.Length > 1 ? root.TrimEnd('/') : root;

    /// <summary>The host as users know it: "local", or user@host:port.</summary>
    public string Name => Transport.Host;

    public static string Release(string id) => $"{ReleasesFolder}/{id}";

    /// <summary><see cref="Release"/>, quoted for the shell (an id is checked when it is read, and quoted all the same).</summary>
    public static string QuotedRelease(string id, string suffix = "") => ShellQuote.Quote(Release(id) + suffix);

    /// <summary>
    /// Runs <paramref name="script"/> in the environment's root; <paramref name="userCode"/> for hooks and users' commands
    /// (a channel of its own); <paramref name="capture"/> false keeps no output in the result (a stream that never ends).
    /// </summary>
    public async Task<CloudCommandResult> RunAsync(string script, Stream? input = null, Action<string, bool>? onLine = null,
        CancellationToken cancellationToken = default, bool userCode = false, bool capture = true)
    {
        var result = await Transport.RunAsync(new CommandRequest
        {
            // cd in the script, not WorkingDirectory: the root may not exist yet (the lock step makes it).
            // A line of its own: "cd && a || b" would run b when cd fails.
            Script = $"cd {ShellQuote.Quote(Root)} || {{ echo {ShellQuote.Quote($"The environment folder {Root} does not exist on this host.")} >&2; exit {NoRoot}; }}\n{script}",
            StandardInput = input,
            OnOutputLine = onLine is null ? null : line => onLine(line, false),
            OnErrorLine = onLine is null ? null : line => onLine(line, true),
            RunsUserCode = userCode,
            CaptureOutput = capture,
        }, cancellationToken).ConfigureAwait(false);
        return new CloudCommandResult
        {
            Host = Name, ExitCode = result.ExitCode, Output = result.Output, Error = result.Error, Duration = result.Duration,
        };
    }

    /// <summary>Makes the environment root (and its parents) on the host.</summary>
    public Task CreateRootAsync(CancellationToken cancellationToken) => Transport.CreateDirectoryAsync(Root, cancellationToken);

    /// <summary>Runs <paramref name="script"/> in the root and throws, saying what failed where, on a non-zero exit.</summary>
    public async Task<CloudCommandResult> RunCheckedAsync(string what, string script, Stream? input = null,
        Action<string, bool>? onLine = null, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(script, input, onLine, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new CloudException(CloudErrorId.DeployFailed,
                $"{what} failed on {Name} with exit code {result.ExitCode}{LastLine(result.Error)}.", Name);
        }
        return result;
    }

    /// <summary>The release <c>current</c> points to, or null before the first deploy.</summary>
    public async Task<string?> CurrentReleaseAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync($"readlink {CurrentLink} || true", cancellationToken: cancellationToken).ConfigureAwait(false);
        var target = result.Output.Trim();
        if (!target.StartsWith(ReleasesFolder + "/", StringComparison.Ordinal)) return null;
        var id = target[(ReleasesFolder.Length + 1)..];
        if (!ReleaseId.IsValid(id))
            throw new CloudException(CloudErrorId.DeployFailed,
                $"{Root}/{CurrentLink} on {Name} points to '{target}', which is not a release this module made; nothing was run with it. " +
                $"Point {CurrentLink} at a release folder by hand (ln -sfn {ReleasesFolder}/<id> {CurrentLink}).", Name);
        return id;
    }

    public async Task<List<ReleaseRecord>> ReadReleasesAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync($"cat {ReleasesFile} 2>/dev/null || true", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode == NoRoot) return []; // never deployed here
        if (result.ExitCode != 0)
            throw new CloudException(CloudErrorId.DeployFailed,
                $"Reading {Root}/{ReleasesFile} failed on {Name} with exit code {result.ExitCode}{LastLine(result.Error)}.", Name);
        if (string.IsNullOrWhiteSpace(result.Output)) return [];
        try
        {
            // An entry whose id is no release id (written by hand, or by someone hostile) is left out: it never names a folder.
            return (JsonSerializer.Deserialize<List<ReleaseRecord>>(result.Output, Json) ?? []).Where(r => r is not null && ReleaseId.IsValid(r.Id)).ToList();
        }
        catch (JsonException e)
        {
            throw new CloudException(CloudErrorId.DeployFailed,
                $"{Root}/{ReleasesFile} on {Name} is damaged ({e.Message}). Move it aside; the next deploy writes a new one.", Name, e);
        }
    }

    /// <summary>Replaces releases.json by rename, so a reader never sees half of it.</summary>
    public async Task WriteReleasesAsync(IEnumerable<ReleaseRecord> releases, CancellationToken cancellationToken)
    {
        using var input = new MemoryStream(SerializeReleases(releases));
        await RunCheckedAsync("Writing releases.json", WriteReleasesScript, input, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces releases.json with stdin, by rename.</summary>
    internal const string WriteReleasesScript = $"cat > {ReleasesFile}.tmp.$$ && mv -f {ReleasesFile}.tmp.$$ {ReleasesFile}";

    internal static byte[] SerializeReleases(IEnumerable<ReleaseRecord> releases) => JsonSerializer.SerializeToUtf8Bytes(releases.ToList(), Json);

    /// <summary>Writes <paramref name="text"/> to a file readable by its owner only, by rename.</summary>
    public async Task WritePrivateFileAsync(string path, string text, CancellationToken cancellationToken)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var quoted = ShellQuote.Quote(path);
        await RunCheckedAsync($"Writing {path}",
            $"mkdir -p \"$(dirname {quoted})\" && (umask 077 && cat > {quoted}.tmp.$$) && mv -f {quoted}.tmp.$$ {quoted}", input,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    internal static string LastLine(string error)
    {
        var last = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return last is null ? "" : $": {last}";
    }

    public override string ToString() => $"{Name}:{Root}";
}
