using System.Diagnostics;
using System.Text;
using System.Text.Json;
using LibGit2Sharp;

namespace MagentoCloud.Engine.Build;

/// <summary>
/// Turns a commit into a slug: checks its tree out clean, runs the build flavor and the build hook
/// with Magento Cloud's build variables (no relationships, no mounts: the build has no database),
/// and archives the result into the store. An existing key is reused without building.
/// </summary>
public sealed class SlugBuilder(SlugStore store) : ISlugBuilder
{
    public SlugStore Store { get; } = store;

    /// <summary>Builds, or finds the slug already built from the same inputs.</summary>
    public async Task<BuildResult> BuildAsync(BuildRequest request, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (commitId, treeId, appText) = ReadCommit(request);
        var app = AppDocument.Parse(appText, $"{AppDocument.FileName} of commit {commitId[..Math.Min(12, commitId.Length)]}");
        var key = SlugKey.Compute(treeId, appText, request.Variables);

        if (!request.Force && Store.Find(key) is { } existing)
        {
            observer.Log($"Slug {existing.Id} for tree {treeId[..12]} already built: reusing it.");
            return new BuildResult(ToSlug(existing, commitId, reused: true, clock.Elapsed), app);
        }

        var checkout = Directory.CreateTempSubdirectory("mc-build-").FullName;
        var temporary = Store.NewTemporaryPath();
        try
        {
            observer.Progress(new OperationProgress("Build", $"Checking out tree {treeId[..12]}"));
            int written;
            using (var repository = new Repository(request.RepositoryPath))
                written = TreeCheckout.Write(repository.Lookup<Commit>(commitId).Tree, checkout, commitId, cancellationToken);
            observer.Log($"Checked out commit {commitId[..12]} (tree {treeId[..12]}, {written} files).");

            var variables = BuildVariables(request, app, treeId, checkout);
            await PrepareToolsAsync(app, variables, request.Mask, observer, cancellationToken).ConfigureAwait(false);
            await RunFlavorAsync(app, checkout, variables, request.Mask, observer, cancellationToken).ConfigureAwait(false);
            if (app.BuildHook is { } hook)
            {
                observer.Progress(new OperationProgress("Build", "Running the build hook"));
                observer.Log("Running the build hook.");
                var (exitCode, _, error) = await HookProcess.RunAsync("sh", ["-e", "-c", hook], checkout, variables, null,
                    (line, _) => observer.Log("  " + request.Mask.Apply(line)), cancellationToken).ConfigureAwait(false);
                if (exitCode != 0)
                {
                    throw new CloudException(CloudErrorId.BuildFailed,
                        $"The build hook of commit {commitId[..12]} failed with exit code {exitCode}{request.Mask.Apply(LastLine(error))}. " +
                        "No slug was stored and nothing was deployed. Fix hooks.build in .magento.app.yaml and push again; " +
                        $"Invoke-CloudBuild -Commit {commitId[..12]} repeats the build.",
                        target: commitId);
                }
            }

            observer.Progress(new OperationProgress("Build", "Archiving the slug"));
            var files = await SlugArchive.CreateAsync(checkout, temporary, cancellationToken).ConfigureAwait(false);
            var size = new FileInfo(temporary).Length;
            var record = Store.Commit(temporary, new SlugRecord
            {
                Id = SlugKey.ShortId(key),
                Key = key,
                TreeId = treeId,
                Files = files,
                Size = size,
                CreatedAt = DateTimeOffset.Now,
                BuildDuration = clock.Elapsed,
            });
            observer.Log($"Slug {record.Id} stored: {files} entries, {record.Size / 1024.0:0.#} KiB, built in {clock.Elapsed.TotalSeconds:0.0} s.");
            return new BuildResult(ToSlug(record, commitId, reused: false, clock.Elapsed), app);
        }
        finally
        {
            File.Delete(temporary);
            TryDelete(checkout);
        }
    }

    /// <summary>
    /// The project's build caches and tools, beside the slug store (<c>.magento/local/cache</c>, <c>tools</c>):
    /// the caches' variables, the tools first on PATH, and <c>dependencies:</c> installed when they changed.
    /// </summary>
    private async Task PrepareToolsAsync(AppDocument app, Dictionary<string, string> variables, SecretMask mask, IOperationObserver observer,
        CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Store.Directory)!;
        foreach (var (name, value) in BuildCaches.Variables(folder))
        {
            if (variables.TryAdd(name, value)) Directory.CreateDirectory(value);
        }
        if (!BuildTools.Any(app)) return;
        var tools = Path.Combine(folder, "tools");
        Directory.CreateDirectory(tools);
        variables["PATH"] = BuildTools.PathPrefix(tools) + Path.PathSeparator +
            (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin");
        observer.Progress(new OperationProgress("Build", "Installing dependencies"));
        var (exitCode, output, error) = await HookProcess.RunAsync("sh", ["-c", BuildTools.Script(app, tools)!], tools, variables, null,
            (line, _) => observer.Log("  " + mask.Apply(line)), cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            var tail = string.Join(" | ", (output + error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(5));
            throw BuildTools.Failed(exitCode, "this machine", mask.Apply(tail));
        }
    }

    /// <summary>The commit's id, tree id and <c>.magento.app.yaml</c> text, read from the object database.</summary>
    public static (string CommitId, string TreeId, string AppText) ReadCommit(BuildRequest request)
    {
        using var repository = new Repository(request.RepositoryPath);
        var commit = repository.Lookup<Commit>(request.Commit)
            ?? throw new CloudException(CloudErrorId.GitFailed,
                $"There is no commit '{request.Commit}' in the project remote. Push it first (Push-CloudBranch), or give an existing commit.",
                request.Commit);
        var blob = commit[AppDocument.FileName]?.Target as Blob
            ?? throw new CloudException(CloudErrorId.ProjectInvalid,
                $"Commit {commit.Sha[..12]} has no {AppDocument.FileName}: there is nothing to build. Add the application file and commit it.",
                commit.Sha);
        return (commit.Sha, commit.Tree.Sha, blob.GetContentText());
    }

    /// <summary>Magento Cloud's build variables: no relationships and no routes, since the build has no services.</summary>
    internal static Dictionary<string, string> BuildVariables(BuildRequest request, AppDocument app, string treeId, string appDirectory)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MAGENTO_CLOUD_PROJECT"] = request.Project,
            ["MAGENTO_CLOUD_ENVIRONMENT"] = request.Environment,
            ["MAGENTO_CLOUD_BRANCH"] = request.Branch,
            ["MAGENTO_CLOUD_TREE_ID"] = treeId,
            ["MAGENTO_CLOUD_APPLICATION_NAME"] = app.Name,
            ["MAGENTO_CLOUD_APP_DIR"] = appDirectory,
            ["MAGENTO_CLOUD_ENVIRONMENT_TYPE"] = request.EnvironmentType,
            ["MAGENTO_CLOUD_VARIABLES"] = "e30=", // {} until variables say otherwise
            ["MAGENTO_CLOUD_APPLICATION"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(app.Json.ToJsonString())),
        };
        foreach (var (name, value) in request.Variables)
            variables[name] = value;
        return variables;
    }

    internal static string Base64Json<T>(T value) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value));

    private static async Task RunFlavorAsync(AppDocument app, string checkout, Dictionary<string, string> variables, SecretMask mask,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        if (app.Flavor != "composer" || !File.Exists(Path.Combine(checkout, "composer.json"))) return;
        var composer = FindOnPath("composer")
            ?? throw new CloudException(CloudErrorId.BuildToolMissing,
                "The build flavor is composer and the commit has a composer.json, but Composer is not installed on this machine. " +
                "Install Composer (https://getcomposer.org/download/) and make sure 'composer' is on PATH, " +
                "or set build: flavor: none in .magento.app.yaml if the build hook installs dependencies itself.",
                "composer");
        observer.Progress(new OperationProgress("Build", "composer install"));
        observer.Log("Running composer install --no-dev --no-interaction.");
        var (exitCode, _, error) = await HookProcess.RunAsync(composer, ["install", "--no-dev", "--no-interaction", "--no-progress"],
            checkout, variables, null, (line, _) => observer.Log("  " + mask.Apply(line)), cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new CloudException(CloudErrorId.BuildFailed,
                $"composer install failed with exit code {exitCode}{mask.Apply(LastLine(error))}. No slug was stored. " +
                "Check composer.json and composer.lock (run composer install --no-dev locally to see the same error).",
                "composer");
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (var directory in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    internal static string LastLine(string error)
    {
        var last = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return last is null ? "" : $" ({last})";
    }

    private CloudSlug ToSlug(SlugRecord record, string commitId, bool reused, TimeSpan duration) =>
        ToSlug(record, commitId, reused, duration, Store.ArchivePath(record.Key));

    /// <summary>The slug a record describes, with its archive at <paramref name="path"/> (here or on a build host).</summary>
    internal static CloudSlug ToSlug(SlugRecord record, string commitId, bool reused, TimeSpan duration, string path) => new()
    {
        Id = record.Id,
        TreeId = record.TreeId,
        Commit = commitId,
        Key = record.Key,
        Size = record.Size,
        Files = record.Files,
        Reused = reused,
        Duration = duration,
        CreatedAt = record.CreatedAt,
        Path = path,
    };

    private static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
