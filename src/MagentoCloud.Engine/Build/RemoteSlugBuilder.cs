using System.Diagnostics;
using System.Globalization;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using LibGit2Sharp;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Build;

/// <summary>
/// Builds on a build host over SSH: sends the commit's tree (never the history) as a tar stream,
/// runs the build flavor and the build hook there with the build variables, in the SSH session's
/// environment (the build user's, never this machine's), and keeps the slug in a store there, keyed
/// as a local build is (<see cref="SlugKey"/>). An unchanged key is reused without sending the tree.
/// The slug is stored by two renames after the build ended well, so a build that fails or loses its
/// connection leaves no slug, only a build folder that a later build sweeps away.
/// Layout, per project, under the build host's root: <c>slugs/</c>, <c>builds/&lt;id&gt;/</c>,
/// <c>cache/composer</c>, <c>cache/npm</c> and <c>tools/</c>.
/// </summary>
public sealed class RemoteSlugBuilder(ITransport host, BuildHostTopology buildHost) : ISlugBuilder
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Build folders left by a lost connection are swept after this many minutes.</summary>
    private const int StaleMinutes = 720;

    public ITransport Host { get; } = host;

    public async Task<BuildResult> BuildAsync(BuildRequest request, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (commitId, treeId, appText) = SlugBuilder.ReadCommit(request);
        var app = AppDocument.Parse(appText, $"{AppDocument.FileName} of commit {commitId[..Math.Min(12, commitId.Length)]}");
        var key = SlugKey.Compute(treeId, appText, request.Variables);

        observer.Progress(new OperationProgress("Build", $"Connecting to the build host {Host.Host}"));
        var folder = await ProjectFolderAsync(request.Project, cancellationToken).ConfigureAwait(false);
        var slugs = folder + "/slugs";
        var archive = $"{slugs}/{key}.tar.zst";
        if (!request.Force && await FindAsync(archive, $"{slugs}/{key}.json", cancellationToken).ConfigureAwait(false) is { } existing)
        {
            observer.Log($"Slug {existing.Id} for tree {treeId[..12]} already built on {Host.Host}: reusing it.");
            return Result(existing, commitId, archive, folder, app, reused: true, clock.Elapsed);
        }

        var id = Guid.NewGuid().ToString("N");
        var build = $"{folder}/builds/{id}";
        var checkout = build + "/app";
        var temporary = $"{slugs}/.tmp-{id}";
        try
        {
            observer.Progress(new OperationProgress("Build", $"Sending tree {treeId[..12]} to {Host.Host}"));
            var files = await SendTreeAsync(request, commitId, checkout, cancellationToken).ConfigureAwait(false);
            observer.Log($"Sent commit {commitId[..12]} (tree {treeId[..12]}, {files} files) to the build host {Host.Host}.");

            var variables = SlugBuilder.BuildVariables(request, app, treeId, checkout);
            foreach (var (name, value) in BuildCaches.Variables(folder)) variables.TryAdd(name, value);
            var tools = folder + "/tools";
            var path = BuildTools.Any(app) ? $"PATH={ShellQuote.Quote(BuildTools.PathPrefix(tools))}:\"$PATH\"; export PATH\n" : "";
            if (BuildTools.Script(app, tools) is { } install)
            {
                observer.Progress(new OperationProgress("Build", "Installing dependencies"));
                var (exitCode, tail) = await RunStepAsync(install, checkout, variables, request.Mask, observer, cancellationToken).ConfigureAwait(false);
                if (exitCode != 0) throw BuildTools.Failed(exitCode, $"the build host {Host.Host}", tail);
            }
            // composer install and the build hook run in one channel (one session start on the build host, not
            // two), a line with a random marker between them telling which step runs, and so which one failed.
            var steps = new List<(string What, string Script)>();
            if (app.Flavor == "composer")
                steps.Add(("composer install",
                    "[ -f composer.json ] || exit 0\n" +
                    "command -v composer >/dev/null 2>&1 || { echo 'Composer is not installed on the build host' >&2; exit 127; }\n" +
                    BuildCaches.VendorScript(folder + "/cache/vendor")));
            if (app.BuildHook is { } hook) steps.Add(("The build hook", "exec sh -e -c " + ShellQuote.Quote(hook)));
            if (steps.Count > 0)
                await RunStepsAsync(steps, path, commitId, checkout, variables, request.Mask, observer, cancellationToken).ConfigureAwait(false);

            observer.Progress(new OperationProgress("Build", "Archiving the slug"));
            var entries = await VerifyAsync(checkout, key, cancellationToken).ConfigureAwait(false);
            var (sha256, size) = await ArchiveAsync(checkout, temporary, cancellationToken).ConfigureAwait(false);
            var record = new SlugRecord
            {
                Id = SlugKey.ShortId(key),
                Key = key,
                TreeId = treeId,
                Files = entries,
                Size = size,
                CreatedAt = DateTimeOffset.Now,
                BuildDuration = clock.Elapsed,
                Sha256 = sha256,
            };
            // Archive first, then its record: a record is only ever seen beside a complete archive.
            await Host.RenameAsync(temporary, archive, cancellationToken).ConfigureAwait(false);
            await Host.WriteTextAsync($"{slugs}/{key}.json", JsonSerializer.Serialize(record, Json), null, cancellationToken).ConfigureAwait(false);
            observer.Log($"Slug {record.Id} stored on {Host.Host}: {entries} entries, {size / 1024.0:0.#} KiB, built in {clock.Elapsed.TotalSeconds:0.0} s.");
            return Result(record, commitId, archive, folder, app, reused: false, clock.Elapsed);
        }
        finally
        {
            try
            {
                await Host.RunAsync(CommandRequest.Command("rm", "-rf", "--", build, temporary, temporary + ".rc"), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is CloudException or IOException or ObjectDisposedException)
            {
                // The connection is gone: a later build sweeps the folder.
            }
        }
    }

    /// <summary>The project's folder on the build host (absolute), made with its slug store and caches; sweeps stale build folders.</summary>
    private async Task<string> ProjectFolderAsync(string project, CancellationToken cancellationToken)
    {
        var root = buildHost.Root.StartsWith("~/", StringComparison.Ordinal) ? buildHost.Root[2..] : buildHost.Root;
        var folder = ShellQuote.Quote($"{root.TrimEnd('/')}/{SafeName(project)}");
        var result = await Host.RunAsync(CommandRequest.Shell(
            $"mkdir -p {folder}/slugs {folder}/builds {folder}/cache/composer {folder}/cache/npm {folder}/tools && cd {folder} && " +
            $"find builds -mindepth 1 -maxdepth 1 -mmin +{StaleMinutes} -exec rm -rf {{}} + ; " +
            $"find slugs -maxdepth 1 -name '.tmp-*' -mmin +{StaleMinutes} -exec rm -f {{}} + ; pwd"), cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 || !result.Output.Trim().StartsWith('/'))
            throw new CloudException(CloudErrorId.BuildFailed,
                $"The build host {Host.Host} could not make its build folder {buildHost.Root}/{SafeName(project)}{SlugBuilder.LastLine(result.Error)}. " +
                "Check build.root in .magento/topology.yaml and the build user's rights there.", Host.Host);
        return result.Output.Trim();
    }

    /// <summary>A project name as one folder name: letters, digits, '.', '_' and '-'.</summary>
    internal static string SafeName(string project)
    {
        var name = new string(project.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray()).Trim('.');
        return name.Length == 0 ? "project" : name;
    }

    private async Task<SlugRecord?> FindAsync(string archive, string recordPath, CancellationToken cancellationToken)
    {
        if (await Host.ReadTextAsync(recordPath, cancellationToken).ConfigureAwait(false) is not { } text) return null;
        if (!await Host.ExistsAsync(archive, cancellationToken).ConfigureAwait(false)) return null;
        try
        {
            return JsonSerializer.Deserialize<SlugRecord>(text, Json) is { Sha256.Length: 64 } record ? record : null;
        }
        catch (JsonException)
        {
            return null; // a damaged record is treated as absent: the slug is rebuilt
        }
    }

    /// <summary>Streams the tree as gzip'd tar into <paramref name="checkout"/> on the build host; returns the number of files.</summary>
    private async Task<int> SendTreeAsync(BuildRequest request, string commitId, string checkout, CancellationToken cancellationToken)
    {
        // The tree as gzip'd tar in a temporary file of this machine first: written at disk speed, then
        // streamed (a pipe between the two would block pool threads and wait for the pool to grow).
        var archive = Path.Combine(Path.GetTempPath(), $"mc-tree-{Guid.NewGuid():N}.tar.gz");
        try
        {
            int files;
            await using (var file = new FileStream(archive, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
                             FileOptions.DeleteOnClose | FileOptions.Asynchronous))
            {
                using (var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true))
                using (var repository = new Repository(request.RepositoryPath))
                    files = TreeCheckout.WriteTar(repository.Lookup<Commit>(commitId).Tree, gzip, commitId, cancellationToken);
                file.Position = 0;
                var result = await Host.RunAsync(new CommandRequest
                {
                    Script = $"mkdir -p {ShellQuote.Quote(checkout)} && exec tar -xzf - -C {ShellQuote.Quote(checkout)}",
                    StandardInput = file,
                }, cancellationToken).ConfigureAwait(false);
                if (result.ExitCode == 0) return files;
                throw new CloudException(CloudErrorId.BuildFailed,
                    $"Unpacking the tree on the build host {Host.Host} failed with exit code {result.ExitCode}{SlugBuilder.LastLine(result.Error)}. " +
                    "No slug was stored. Check the build host's free disk space and that tar and gzip are installed.", Host.Host);
            }
        }
        finally
        {
            File.Delete(archive); // DeleteOnClose did it, unless the file system cannot
        }
    }

    /// <summary>
    /// Runs the build's steps (each in a subshell, <paramref name="prefix"/> first) one after another in one
    /// channel; a failure names the step that failed and ends with its last lines.
    /// </summary>
    private async Task RunStepsAsync(IReadOnlyList<(string What, string Script)> steps, string prefix, string commitId, string checkout,
        IReadOnlyDictionary<string, string> variables, SecretMask mask, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var marker = "__mc_step_" + Guid.NewGuid().ToString("N");
        var script = new StringBuilder(prefix);
        for (var i = 0; i < steps.Count; i++)
            script.Append(CultureInfo.InvariantCulture, $"echo {marker} {i}\n( {steps[i].Script}\n) || exit $?\n");
        var current = -1;
        void Step(string line)
        {
            if (!line.StartsWith(marker + " ", StringComparison.Ordinal)
                || !int.TryParse(line.AsSpan(marker.Length + 1), CultureInfo.InvariantCulture, out var index) || index < 0 || index >= steps.Count) return;
            current = index;
            observer.Progress(new OperationProgress("Build", steps[index].What == "composer install" ? "composer install" : "Running the build hook"));
            if (steps[index].What != "composer install") observer.Log($"Running the build hook on {Host.Host}.");
        }
        var (exitCode, tail) = await RunStepAsync(script.ToString(), checkout, variables, mask, observer, cancellationToken, marker, Step).ConfigureAwait(false);
        if (exitCode == 0) return;
        var what = current >= 0 ? steps[current].What : steps[0].What;
        if (exitCode == 127 && what == "composer install")
            throw new CloudException(CloudErrorId.BuildToolMissing,
                $"The build flavor is composer and the commit has a composer.json, but Composer is not installed on the build host {Host.Host}. " +
                "Install Composer there (https://getcomposer.org/download/) on the build user's PATH, or set build: flavor: none in .magento.app.yaml.",
                "composer");
        throw new CloudException(CloudErrorId.BuildFailed,
            $"{what} of commit {commitId[..12]} failed on the build host {Host.Host} with exit code {exitCode}" +
            (tail.Length > 0 ? $"; its last lines: {tail}" : "") + ". No slug was stored and nothing was deployed. " +
            $"Fix it (hooks.build in .magento.app.yaml) and push again; Invoke-CloudBuild -Commit {commitId[..12]} repeats the build.",
            commitId);
    }

    /// <summary>Runs a script in the checkout, its output logged (masked); returns its exit code and its last lines.</summary>
    /// <param name="marker">A line that starts with it is no output: it goes to <paramref name="onMarker"/> and starts a new tail.</param>
    private async Task<(int ExitCode, string Tail)> RunStepAsync(string script, string checkout, IReadOnlyDictionary<string, string> variables,
        SecretMask mask, IOperationObserver observer, CancellationToken cancellationToken, string? marker = null, Action<string>? onMarker = null)
    {
        var last = new Queue<string>();
        void Line(string line)
        {
            if (marker is not null && line.StartsWith(marker, StringComparison.Ordinal))
            {
                lock (last) last.Clear();
                onMarker?.Invoke(line);
                return;
            }
            var masked = mask.Apply(line);
            observer.Log("  " + masked);
            lock (last)
            {
                last.Enqueue(masked);
                if (last.Count > LastLines) last.Dequeue();
            }
        }
        var result = await Host.RunAsync(new CommandRequest
        {
            Script = script,
            WorkingDirectory = checkout,
            Environment = variables,
            OnOutputLine = Line,
            OnErrorLine = Line,
            RunsUserCode = true,
            CaptureOutput = false,
        }, cancellationToken).ConfigureAwait(false);
        lock (last) return (result.ExitCode, string.Join(" | ", last.Where(l => l.Trim().Length > 0)));
    }

    /// <summary>Lines of a failed step's output its error ends with.</summary>
    private const int LastLines = 5;

    /// <summary>Strips unsafe modes, lists the built folder and refuses it as a local build would (links that escape, devices, ...).</summary>
    private async Task<int> VerifyAsync(string checkout, string key, CancellationToken cancellationToken)
    {
        using var listing = new MemoryStream();
        var result = await Host.RunAsync(new CommandRequest
        {
            Script = SlugArchive.StripUnsafeModesCommand(".") + " && find . -mindepth 1 -printf '%y\\0%P\\0%l\\0'",
            WorkingDirectory = checkout,
            StandardOutput = listing,
        }, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new CloudException(CloudErrorId.BuildFailed,
                $"Listing the built folder on the build host {Host.Host} failed with exit code {result.ExitCode}{SlugBuilder.LastLine(result.Error)}. No slug was stored.",
                Host.Host);
        var fields = Encoding.UTF8.GetString(listing.ToArray()).Split('\0');
        var entries = new List<(string, TarEntryType, string)>();
        for (var i = 0; i + 2 < fields.Length; i += 3)
        {
            var type = fields[i] switch
            {
                "f" => TarEntryType.RegularFile,
                "d" => TarEntryType.Directory,
                "l" => TarEntryType.SymbolicLink,
                "p" => TarEntryType.Fifo,
                "c" => TarEntryType.CharacterDevice,
                "b" => TarEntryType.BlockDevice,
                _ => TarEntryType.GlobalExtendedAttributes, // a socket, say: refused as not a file, folder or link
            };
            entries.Add((fields[i + 1], type, fields[i + 2]));
        }
        return SlugArchive.VerifyEntries(key + ".tar.zst", entries);
    }

    /// <summary>Archives the built folder on the build host (tar, zstd); returns its SHA-256 and size.</summary>
    private async Task<(string Sha256, long Size)> ArchiveAsync(string checkout, string temporary, CancellationToken cancellationToken)
    {
        var t = ShellQuote.Quote(temporary);
        var rc = ShellQuote.Quote(temporary + ".rc");
        var result = await Host.RunAsync(new CommandRequest
        {
            Script = "command -v zstd >/dev/null 2>&1 || { echo 'zstd is not installed on the build host; install it (apt-get install zstd)' >&2; exit 127; }\n" +
                     $"{{ find . -mindepth 1 -printf '%P\\0' | LC_ALL=C sort -z | tar --no-recursion --null -T - -cf -; echo $? > {rc}; }} | " +
                     $"zstd -{SlugArchive.CompressionLevel} -q -T0 -f -o {t} && [ \"$(cat {rc})\" = 0 ] && sha256sum {t} | cut -d' ' -f1 && stat -c %s {t}",
            WorkingDirectory = checkout,
        }, cancellationToken).ConfigureAwait(false);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (result.ExitCode != 0 || lines.Length < 2 || lines[0].Length != 64 || !long.TryParse(lines[1], out var size))
            throw new CloudException(CloudErrorId.BuildFailed,
                $"Archiving the slug on the build host {Host.Host} failed with exit code {result.ExitCode}{SlugBuilder.LastLine(result.Error)}. " +
                "No slug was stored. Check the build host's free disk space and that tar, zstd and sha256sum are installed.", Host.Host);
        return (lines[0], size);
    }

    private BuildResult Result(SlugRecord record, string commitId, string archive, string folder, AppDocument app, bool reused, TimeSpan duration)
    {
        var slug = SlugBuilder.ToSlug(record, commitId, reused, duration, archive);
        slug.BuildHost = Host.Host;
        slug.Sha256 = record.Sha256 ?? "";
        return new(slug, app, new RemoteSlug(Host, archive, folder, record.Sha256 ?? "", buildHost));
    }
}
