using System.Text;
using System.Text.RegularExpressions;
using LibGit2Sharp;
using MagentoCloud.Engine.Configuration;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Reports;

namespace MagentoCloud.Engine.Project;

/// <summary>
/// The launch checklist a project can check by itself (Test-CloudGoLive): production and staging
/// deployed, healthy and answering on every route on every host, staging on production's tree, config.php committed and current, env.php
/// and secrets out of Git, https routes, crons, a recent snapshot, and no Integration environment
/// writing into production's database. Returns only what is wrong; nothing found means ready.
/// Never prints a secret: findings name the variable or key, not the value.
/// </summary>
public sealed partial class GoLiveCheck(Workspace workspace)
{
    public const string NotDeployed = "GoLiveNotDeployed";
    public const string LastDeployFailed = "GoLiveDeployFailed";
    public const string NoLiveRelease = "GoLiveNoLiveRelease";
    public const string HostsUnreachable = "GoLiveHostsUnreachable";
    public const string NotAnswering = "GoLiveNotAnswering";
    public const string StagingTreeDiffers = "GoLiveStagingDiffers";
    public const string ConfigPhpMissing = "GoLiveConfigMissing";
    public const string ConfigPhpUncommitted = "GoLiveConfigUncommitted";
    public const string ConfigPhpOutdated = "GoLiveConfigOutdated";
    public const string DatabaseUnreachable = "GoLiveDatabaseUnreachable";
    public const string EnvPhpTracked = "GoLiveEnvPhpTracked";
    public const string SecretInGit = "GoLiveSecretInGit";
    public const string PasswordInGit = "GoLivePasswordInGit";
    public const string NoHttpsRoute = "GoLiveNoHttps";
    public const string PlainHttpRoute = "GoLivePlainHttp";
    public const string NoCrons = "GoLiveNoCrons";
    public const string NoRecentSnapshot = "GoLiveNoRecentSnapshot";
    public const string SharedDatabase = "GoLiveSharedDatabase";

    /// <summary>Values shorter than this are not searched for: they would match everywhere.</summary>
    public const int MinimumSecretLength = 6;

    /// <summary>Files bigger than this are not scanned (built assets, dumps).</summary>
    public const int MaxScannedFileBytes = 1024 * 1024;

    /// <summary>The production environment to check (default: the one of type Production).</summary>
    public string? Production { get; init; }

    /// <summary>When the newest snapshot of an environment was taken, or null when it has none.
    /// Unset: the project's snapshots (New-CloudSnapshot) are looked at.</summary>
    public Func<string, CancellationToken, Task<DateTimeOffset?>>? LatestSnapshot { get; init; }

    /// <summary>How old the newest snapshot may be.</summary>
    public TimeSpan SnapshotMaxAge { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Every check, in checklist order.</summary>
    public async Task<IReadOnlyList<CloudFinding>> RunAsync(IOperationObserver observer, CancellationToken cancellationToken)
    {
        var findings = new List<CloudFinding>();
        // A production named by the caller must exist: checking a typo would only list failures.
        var production = Production is null ? ProductionName() : workspace.Environments.Get(Production).Name;
        observer.Progress(new OperationProgress("Go-live check", "Deployments", 0));
        findings.AddRange(await CheckDeploymentsAsync(cancellationToken).ConfigureAwait(false));
        findings.AddRange(CheckStagingTree());
        observer.Progress(new OperationProgress("Go-live check", "config.php against production's database", 30));
        findings.AddRange(await CheckConfigAsync(observer, cancellationToken).ConfigureAwait(false));
        observer.Progress(new OperationProgress("Go-live check", "Secrets in Git", 60));
        findings.AddRange(CheckEnvPhp());
        findings.AddRange(CheckSecrets());
        findings.AddRange(CheckRoutes());
        findings.AddRange(CheckCrons());
        findings.AddRange(await CheckSnapshotAsync(cancellationToken).ConfigureAwait(false));
        findings.AddRange(CheckDatabaseTopology());
        observer.Progress(new OperationProgress("Go-live check", "Done", 100) { Completed = true });
        observer.Log($"Go-live check of {production}: {findings.Count} finding(s).");
        return findings;
    }

    // ---- Deployments ------------------------------------------------------------------------

    /// <summary>Production and staging: active, deployed, last deploy succeeded, a live release on every host.</summary>
    public async Task<IReadOnlyList<CloudFinding>> CheckDeploymentsAsync(CancellationToken cancellationToken)
    {
        var findings = new List<CloudFinding>();
        var environments = workspace.Environments.List();
        var names = new List<string> { ProductionName() };
        names.AddRange(environments.Where(e => e.Type == EnvironmentType.Staging).Select(e => e.Name));
        var lastDeploys = workspace.State.Read(s =>
        {
            var last = new Dictionary<string, CloudActivity>(StringComparer.OrdinalIgnoreCase);
            foreach (var activity in s.ReadActivities().Take(ProjectReport.DeployScanLimit))
                if (activity.Environment is { } env && names.Contains(env, StringComparer.OrdinalIgnoreCase) && ProjectReport.IsDeploy(activity))
                    last.TryAdd(env, activity);
            return last;
        });
        foreach (var name in names)
        {
            var environment = environments.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
            if (environment is null)
            {
                findings.Add(Finding(FindingSeverity.Error, NotDeployed, "", $"There is no environment '{name}'.",
                    "Name the production environment with -Environment, or create it."));
                continue;
            }
            if (environment.Status == EnvironmentStatus.Inactive || environment.DeployedCommit is null)
            {
                findings.Add(Finding(FindingSeverity.Error, NotDeployed, "",
                    $"{environment.Type} environment '{environment.Name}' is {(environment.Status == EnvironmentStatus.Inactive ? "inactive" : "not deployed")}.",
                    $"Activate and deploy it: Enable-CloudEnvironment {environment.Name}; Invoke-CloudDeploy {environment.Name}."));
                continue;
            }
            if (lastDeploys.TryGetValue(environment.Name, out var last) && last.Result != ActivityResult.Success)
            {
                var step = last.Steps.FirstOrDefault(s => s.Result != ActivityResult.Success)?.Name;
                findings.Add(Finding(FindingSeverity.Error, LastDeployFailed, "",
                    $"The last deploy of '{environment.Name}' (activity {last.Id}) {(last.Result is null ? "has not finished" : "failed")}{(step is null ? "" : $" in step {step}")}.",
                    $"Read its log (Get-CloudActivity -Id {last.Id}), fix the cause and deploy again."));
            }
            try
            {
                var releases = await workspace.Deployments.GetReleasesAsync(environment.Name, cancellationToken).ConfigureAwait(false);
                var live = releases.Where(r => r.IsCurrent).Select(r => r.Host).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var hosts = releases.Select(r => r.Host).Concat(environment.Hosts).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                var missing = hosts.Where(h => !live.Contains(h)).ToList();
                if (missing.Count > 0 || live.Count == 0)
                {
                    findings.Add(Finding(FindingSeverity.Error, NoLiveRelease, "",
                        $"'{environment.Name}' has no live release on {(missing.Count > 0 ? string.Join(", ", missing) : "any host")}.",
                        $"Deploy it again (Invoke-CloudDeploy {environment.Name}) and check Get-CloudRelease {environment.Name}."));
                    continue;
                }
                // Live means answering: every upstream route on every host, through that host's web server.
                foreach (var failure in await workspace.Deployments.ProbeAsync(environment.Name, cancellationToken).ConfigureAwait(false))
                {
                    findings.Add(Finding(FindingSeverity.Error, NotAnswering, ProjectFiles.RoutesFile, failure,
                        $"Start its web runtime (Start-CloudEnvironmentRuntime {environment.Name}), read its logs (Get-CloudLog {environment.Name} -Log error), " +
                        $"then run the check again."));
                }
            }
            catch (Exception e) when (e is CloudException or IOException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                findings.Add(Finding(FindingSeverity.Warning, HostsUnreachable, "",
                    $"The releases on '{environment.Name}''s hosts could not be read: {e.Message}",
                    "Check the hosts and SSH access, then run the check again."));
            }
        }
        return findings;
    }

    /// <summary>Every staging environment deployed with the same tree (code) as production.</summary>
    public IReadOnlyList<CloudFinding> CheckStagingTree()
    {
        var environments = workspace.Environments.List();
        var production = environments.FirstOrDefault(e => string.Equals(e.Name, ProductionName(), StringComparison.OrdinalIgnoreCase));
        if (production?.DeployedCommit is null) return [];
        using var repository = new Repository(workspace.State.Remote.GitDirectory);
        var productionTree = TreeOf(repository, production.DeployedCommit);
        var findings = new List<CloudFinding>();
        foreach (var staging in environments.Where(e => e.Type == EnvironmentType.Staging && e.DeployedCommit is not null))
        {
            var stagingTree = TreeOf(repository, staging.DeployedCommit!);
            if (stagingTree is null || productionTree is null || stagingTree != productionTree)
            {
                findings.Add(Finding(FindingSeverity.Warning, StagingTreeDiffers, "",
                    $"Staging '{staging.Name}' runs commit {Short(staging.DeployedCommit!)} (tree {Short(stagingTree)}), production '{production.Name}' " +
                    $"runs {Short(production.DeployedCommit)} (tree {Short(productionTree)}): what goes live was not tested on staging.",
                    $"Merge staging into production (Merge-CloudBranch {staging.Name}), or bring staging to production's code, and test it there."));
            }
        }
        return findings;
    }

    // ---- Configuration ------------------------------------------------------------------------

    /// <summary>config.php committed, without uncommitted changes, and no different from production's database.</summary>
    public async Task<IReadOnlyList<CloudFinding>> CheckConfigAsync(IOperationObserver observer, CancellationToken cancellationToken)
    {
        const string file = ConfigurationService.ConfigPhpPath;
        var findings = new List<CloudFinding>();
        string? committed;
        using (var repository = OpenWorkingCopy())
        {
            // As bytes (PhpText): a config.php in another encoding than UTF-8 must reach the comparison unchanged.
            committed = repository?.Head.Tip?[file]?.Target is Blob blob ? PhpText.Read(blob.GetContentStream()) : null;
        }
        if (committed is null)
        {
            findings.Add(Finding(FindingSeverity.Error, ConfigPhpMissing, file, "app/etc/config.php is not committed: deploys would run without the store's shared configuration.",
                "Export it from production (Export-CloudConfig production), then commit and push it."));
            return findings;
        }
        var onDisk = Path.Combine(workspace.Root, "app", "etc", "config.php");
        if (!File.Exists(onDisk) || Normalize(PhpText.Decode(File.ReadAllBytes(onDisk))) != Normalize(committed))
        {
            findings.Add(Finding(FindingSeverity.Warning, ConfigPhpUncommitted, file, "app/etc/config.php has changes that are not committed.",
                "Commit and push them, or discard them, so what is checked is what deploys."));
        }

        var production = ProductionName();
        var temporary = Path.Combine(Path.GetTempPath(), $"mc-golive-{Guid.NewGuid():N}", "config.php");
        Directory.CreateDirectory(Path.GetDirectoryName(temporary)!);
        try
        {
            await File.WriteAllBytesAsync(temporary, PhpText.Encode(committed), cancellationToken).ConfigureAwait(false);
            var differences = await ConfigurationService.ForWorkspace(workspace)
                .CompareWithFileAsync(production, temporary, observer, cancellationToken).ConfigureAwait(false);
            if (differences.Count > 0)
            {
                var paths = differences.Select(d => d.Path).Distinct().ToList();
                findings.Add(Finding(FindingSeverity.Warning, ConfigPhpOutdated, file,
                    $"The committed config.php differs from production's database in {paths.Count} setting(s): {string.Join(", ", paths.Take(5))}{(paths.Count > 5 ? ", ..." : "")}.",
                    $"See them with Compare-CloudConfig; export the current ones with Export-CloudConfig {production}, then commit and push."));
            }
        }
        catch (Exception e) when (e is CloudException or MySqlConnector.MySqlException or IOException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            findings.Add(Finding(FindingSeverity.Warning, DatabaseUnreachable, file,
                $"config.php could not be compared with production's database: {e.Message}",
                "Check production's database (its topology entry and credentials), then run the check again."));
        }
        finally
        {
            try { Directory.Delete(Path.GetDirectoryName(temporary)!, recursive: true); } catch (IOException) { }
        }
        return findings;
    }

    // ---- Secrets ------------------------------------------------------------------------------

    /// <summary>env.php holds credentials and per-environment settings: it must never be tracked.</summary>
    public IReadOnlyList<CloudFinding> CheckEnvPhp()
    {
        using var repository = OpenWorkingCopy();
        var tracked = repository?.Head.Tip?[ConfigurationService.EnvPhpPath] is not null
            || (repository?.Index[ConfigurationService.EnvPhpPath] is not null);
        return tracked
            ? [Finding(FindingSeverity.Error, EnvPhpTracked, ConfigurationService.EnvPhpPath,
                "app/etc/env.php is tracked by Git: it holds credentials and settings of one environment.",
                "Remove it from Git (git rm --cached app/etc/env.php), keep it in .gitignore, and change any credential it held.")]
            : [];
    }

    /// <summary>
    /// The tracked files of HEAD: no value of a sensitive variable anywhere, and no literal
    /// <c>password</c> in app/etc/*.php or in YAML files.
    /// </summary>
    public IReadOnlyList<CloudFinding> CheckSecrets()
    {
        var findings = new List<CloudFinding>();
        using var repository = OpenWorkingCopy();
        if (repository?.Head.Tip is not { } head) return findings;
        var secrets = SensitiveValues();
        foreach (var (path, blob) in Files(head.Tree, ""))
        {
            if (blob.Size > MaxScannedFileBytes || blob.IsBinary) continue;
            var text = blob.GetContentText();
            foreach (var (name, value) in secrets)
            {
                var at = text.IndexOf(value, StringComparison.Ordinal);
                if (at < 0) continue;
                var (line, column) = Position(text, at);
                findings.Add(new CloudFinding(FindingSeverity.Error, SecretInGit, path, line, column,
                    $"The value of sensitive variable '{name}' is committed in {path}.",
                    "Remove it from the file and from Git's history, and change the secret: anyone with the repository has it."));
            }
            if (IsConfigFile(path))
            {
                var pattern = path.EndsWith(".php", StringComparison.OrdinalIgnoreCase) ? PhpPassword() : YamlPassword();
                foreach (Match match in pattern.Matches(text))
                {
                    var value = match.Groups["value"].Value.Trim().Trim('\'', '"');
                    if (value.Length == 0 || IsReference(value)) continue;
                    var (line, column) = Position(text, match.Index);
                    findings.Add(new CloudFinding(FindingSeverity.Error, PasswordInGit, path, line, column,
                        $"'{match.Groups["key"].Value}' has a literal value in {path}.",
                        "Move it into a sensitive variable (Set-CloudVariable -Sensitive) or env.php, and change the password."));
                }
            }
        }
        return findings;
    }

    // ---- Project files --------------------------------------------------------------------

    /// <summary>An https route exists, and no http route serves the application unencrypted.</summary>
    public IReadOnlyList<CloudFinding> CheckRoutes()
    {
        var routes = workspace.Files.Routes;
        var findings = new List<CloudFinding>();
        if (!routes.Any(r => r.Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && r.Type == "upstream"))
        {
            findings.Add(Finding(FindingSeverity.Error, NoHttpsRoute, ProjectFiles.RoutesFile,
                "No route serves the application over https.",
                "Add \"https://{default}/\": {type: upstream, upstream: \"<app>:http\"} to .magento/routes.yaml."));
        }
        foreach (var route in routes.Where(r => r.Url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && r.Type == "upstream"))
        {
            findings.Add(Finding(FindingSeverity.Warning, PlainHttpRoute, ProjectFiles.RoutesFile,
                $"Route '{route.Url}' serves the application over plain http.",
                $"Make it a redirect: \"{route.Url}\": {{type: redirect, to: \"https://{route.Url["http://".Length..]}\"}}."));
        }
        return findings;
    }

    /// <summary>Magento needs cron (indexers, mails, cache): .magento.app.yaml must define some.</summary>
    public IReadOnlyList<CloudFinding> CheckCrons() =>
        workspace.Files.App.Crons.Count > 0
            ? []
            : [Finding(FindingSeverity.Error, NoCrons, AppConfig.File, "No crons are defined in .magento.app.yaml: indexers, mails and cache cleaning would never run.",
                "Add a 'crons:' entry, e.g. magento: {spec: \"* * * * *\", cmd: \"php bin/magento cron:run\"}.")];

    /// <summary>A snapshot of production younger than <see cref="SnapshotMaxAge"/>.</summary>
    public async Task<IReadOnlyList<CloudFinding>> CheckSnapshotAsync(CancellationToken cancellationToken)
    {
        var production = ProductionName();
        var latest = LatestSnapshot is { } lookup
            ? await lookup(production, cancellationToken).ConfigureAwait(false)
            : new Data.SnapshotService(workspace).List(production).MaxBy(s => s.CreatedAt)?.CreatedAt;
        if (latest is { } taken && DateTimeOffset.Now - taken <= SnapshotMaxAge) return [];
        return [Finding(FindingSeverity.Warning, NoRecentSnapshot, "",
            latest is null
                ? $"Production '{production}' has no snapshot."
                : $"The newest snapshot of '{production}' is from {latest:yyyy-MM-dd HH:mm}, older than {SnapshotMaxAge.TotalHours:0} hours.",
            $"Take one before launch (New-CloudSnapshot {production}).")];
    }

    /// <summary>No Integration environment's database is production's: a test there would write into live orders.</summary>
    public IReadOnlyList<CloudFinding> CheckDatabaseTopology()
    {
        var environments = workspace.Environments.List();
        var production = environments.FirstOrDefault(e => string.Equals(e.Name, ProductionName(), StringComparison.OrdinalIgnoreCase));
        if (production is null || workspace.TopologyFor(production.Name, production.Type).Database is not { } live) return [];
        var findings = new List<CloudFinding>();
        foreach (var environment in environments.Where(e => e.Type == EnvironmentType.Development))
        {
            if (workspace.TopologyFor(environment.Name, environment.Type).Database is { } db && SameDatabase(db, live))
            {
                findings.Add(Finding(FindingSeverity.Error, SharedDatabase, Topology.File,
                    $"Integration environment '{environment.Name}' uses production's database ({db.Host}:{db.Port}/{db.Name}).",
                    "Give Integration environments their own database in .magento/topology.yaml (e.g. name: \"{environment}\")."));
            }
        }
        return findings;
    }

    // ---- Helpers ------------------------------------------------------------------------------

    private string ProductionName() =>
        Production ?? workspace.Environments.List().FirstOrDefault(e => e.Type == EnvironmentType.Production)?.Name ?? "production";

    private static bool SameDatabase(DatabaseSettings a, DatabaseSettings b) =>
        string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port && string.Equals(a.Name, b.Name, StringComparison.Ordinal);

    private Repository? OpenWorkingCopy() => Repository.IsValid(workspace.Root) ? new Repository(workspace.Root) : null;

    /// <summary>Sensitive values by variable name, from the project and every environment (decrypted: the state keeps none).</summary>
    private List<(string Name, string Value)> SensitiveValues() => workspace.Variables.SensitiveVariables()
        .Where(v => v.Value.Length >= MinimumSecretLength)
        .Distinct()
        .ToList();

    private static IEnumerable<(string Path, Blob Blob)> Files(Tree tree, string prefix)
    {
        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            if (entry.Target is Tree sub)
                foreach (var file in Files(sub, path + "/")) yield return file;
            else if (entry.Target is Blob blob)
                yield return (path, blob);
        }
    }

    private static bool IsConfigFile(string path) =>
        (path.StartsWith("app/etc/", StringComparison.Ordinal) && path.EndsWith(".php", StringComparison.OrdinalIgnoreCase) && !path[8..].Contains('/'))
        || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    /// <summary>A value that points elsewhere (an environment variable, a placeholder) rather than being the secret.</summary>
    private static bool IsReference(string value) =>
        value is "~" or "null" or "NULL" || value.StartsWith('$') || value.StartsWith("%env(", StringComparison.Ordinal)
        || value.StartsWith("{{", StringComparison.Ordinal) || value.StartsWith("getenv(", StringComparison.Ordinal);

    [GeneratedRegex("""['"](?<key>(?:[A-Za-z0-9_]*_)?pass(?:word)?)['"]\s*=>\s*(?<value>'[^']*'|"[^"]*")""", RegexOptions.IgnoreCase)]
    private static partial Regex PhpPassword();

    [GeneratedRegex("""^[ \t-]*['"]?(?<key>(?:[A-Za-z0-9_.-]*[_.-])?pass(?:word)?)['"]?[ \t]*:[ \t]*(?<value>[^\r\n#]*)""", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex YamlPassword();

    private static (int Line, int Column) Position(string text, int index)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n') { line++; lineStart = i + 1; }
        }
        return (line, index - lineStart + 1);
    }

    private static string? TreeOf(Repository repository, string commit) => repository.Lookup<Commit>(commit)?.Tree.Sha;

    private static string Short(string? id) => id is null ? "unknown" : id[..Math.Min(12, id.Length)];

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static CloudFinding Finding(FindingSeverity severity, string code, string file, string message, string suggestion) =>
        new(severity, code, file, 0, 0, message, suggestion);
}
