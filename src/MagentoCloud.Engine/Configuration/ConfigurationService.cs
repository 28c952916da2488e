using System.Text.RegularExpressions;
using LibGit2Sharp;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Configuration;

/// <summary>
/// The store's configuration across an environment's database and the working copy's config.php and
/// env.php: export it, read its effective values, change a setting, compare two, and apply
/// config.php's scopes and themes during a deploy.
/// </summary>
public sealed class ConfigurationService
{
    public const string ConfigPhpPath = "app/etc/config.php";
    public const string EnvPhpPath = "app/etc/env.php";
    private const string VariablePrefix = "CONFIG__";

    private static readonly Regex SettingPath = new("^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+){2,}$", RegexOptions.CultureInvariant);

    private readonly EnvironmentDatabaseResolver? _databases;
    private readonly Func<string, IReadOnlyDictionary<string, string>>? _environmentVariables;

    /// <param name="workingCopy">The project's root, where app/etc/config.php and env.php live.</param>
    /// <param name="databases">Reaches an environment's database by name (needed by the by-name overloads).</param>
    /// <param name="environmentVariables">An environment's runtime variables (env: variables as plain names).</param>
    public ConfigurationService(string workingCopy, EnvironmentDatabaseResolver? databases = null,
        Func<string, IReadOnlyDictionary<string, string>>? environmentVariables = null, SensitiveConfigPaths? sensitive = null)
    {
        WorkingCopy = Path.GetFullPath(workingCopy);
        _databases = databases;
        _environmentVariables = environmentVariables;
        Sensitive = sensitive ?? SensitiveConfigPaths.ForProject(WorkingCopy);
    }

    /// <summary>For a project: the local default's databases and the environments' variables.</summary>
    public static ConfigurationService ForWorkspace(Workspace workspace) => new(
        workspace.Root,
        workspace.OpenDatabaseAsync,
        environment => workspace.Variables.GetHookEnvironment(environment, VariablePhase.Runtime));

    public string WorkingCopy { get; }

    public SensitiveConfigPaths Sensitive { get; }

    private string ConfigPhp => Path.Combine(WorkingCopy, "app", "etc", "config.php");

    private string EnvPhp => Path.Combine(WorkingCopy, "app", "etc", "env.php");

    // ---- Export ------------------------------------------------------------------------------

    public async Task<CloudConfigExport> ExportAsync(string environment, ConfigExportMode mode, bool whatIf,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        await using var database = await ResolveAsync(environment, observer, cancellationToken).ConfigureAwait(false);
        var endpoint = database.Endpoint;
        var export = await ExportAsync(endpoint, mode, whatIf, observer, cancellationToken).ConfigureAwait(false);
        export.Environment = environment;
        return export;
    }

    /// <summary>
    /// Writes the database's configuration into config.php (keeping the sections the mode does not
    /// own, such as modules) and its sensitive settings into env.php's system section. Everything is
    /// read and checked before anything is written; config.php is replaced atomically.
    /// </summary>
    public async Task<CloudConfigExport> ExportAsync(DatabaseEndpoint endpoint, ConfigExportMode mode, bool whatIf,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        var existing = File.Exists(ConfigPhp) ? PhpArrayReader.ReadFile(ConfigPhp, ConfigPhpPath) : null;

        observer.Log($"Reading the store configuration from {endpoint}");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var snapshot = await StoreDatabase.ReadAsync(endpoint, cancellationToken).ConfigureAwait(false);
        observer.Log($"Read {snapshot.Settings.Count} settings in {watch.ElapsedMilliseconds} ms");
        var dump = ConfigDump.Build(snapshot, mode, Sensitive);
        observer.Log($"Built the {mode} export in {watch.ElapsedMilliseconds} ms");

        var root = existing?.Root.Clone() ?? new PhpArray();
        foreach (var section in ConfigDump.OwnedSections)
        {
            if (dump.Shared.TryGetValue(section, out var value)) root[section] = value;
            else root.Remove(section);
        }

        var (added, changed, removed) = (new List<string>(), new List<string>(), new List<string>());
        foreach (var section in ConfigDump.OwnedSections)
            Diff(existing?.Root, root, section, section, added, changed, removed);
        var result = new CloudConfigExport
        {
            Path = ConfigPhp,
            Mode = mode,
            Settings = dump.Settings,
            SensitiveSettings = dump.SensitiveSettings,
            Scopes = dump.Scopes,
            Added = added.ToArray(),
            Changed = changed.ToArray(),
            Removed = removed.ToArray(),
            WhatIf = whatIf,
        };

        PhpArrayFile? env = null;
        PhpArray? envRoot = null;
        if (dump.SensitiveSettings > 0)
        {
            EnsureEnvPhpStaysOutOfGit();
            // Read only when the export writes to it: an env.php left alone may hold what only PHP evaluates (getenv()).
            env = File.Exists(EnvPhp) ? PhpArrayReader.ReadFile(EnvPhp, EnvPhpPath) : null;
            envRoot = env?.Root.Clone() ?? new PhpArray();
            var system = envRoot.GetOrAddArray("system");
            foreach (var entry in ConfigDump.Entries(dump.SensitiveSystem)) ConfigDump.SetLeaf(ScopeTree(system, entry), entry.Path, entry.Value);
            result.EnvPath = EnvPhp;
        }
        if (whatIf) return result;

        if (envRoot is not null && (env is null || !PhpArray.ValuesEqual(env.Root, envRoot)))
        {
            observer.Log($"Writing {dump.SensitiveSettings} sensitive settings to {EnvPhpPath}");
            PhpArrayWriter.WriteFile(EnvPhp, envRoot, env?.Layout, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        }
        observer.Log($"Writing {dump.Settings} settings and {dump.Scopes} scopes to {ConfigPhpPath} ({watch.ElapsedMilliseconds} ms so far)");
        PhpArrayWriter.WriteFile(ConfigPhp, root, existing?.Layout);
        observer.Log($"Exported in {watch.ElapsedMilliseconds} ms");
        return result;
    }

    /// <summary>Walks the old and new trees together; only differing leaves cost a path string.</summary>
    private static void Diff(PhpArray? before, PhpArray? after, object key, string path,
        List<string> added, List<string> changed, List<string> removed)
    {
        var had = before is not null && before.TryGetValue(key, out var old);
        var has = after is not null && after.TryGetValue(key, out var now);
        old = had ? before![key] : null;
        now = has ? after![key] : null;
        if (old is PhpArray oldArray && now is PhpArray newArray)
        {
            foreach (var child in newArray.Keys) Diff(oldArray, newArray, child, path + "/" + child, added, changed, removed);
            foreach (var child in oldArray.Keys)
                if (!newArray.ContainsKey(child)) Diff(oldArray, null, child, path + "/" + child, added, changed, removed);
            return;
        }
        if (old is PhpArray gone)
        {
            if (has) changed.Add(path);
            else if (gone.Count == 0) removed.Add(path); // an empty section (i18n) going is a removal too
            foreach (var (leaf, _) in ConfigDump.Leaves(gone, path)) removed.Add(leaf);
            return;
        }
        if (now is PhpArray fresh)
        {
            if (had) changed.Add(path);
            else if (fresh.Count == 0) added.Add(path);
            foreach (var (leaf, _) in ConfigDump.Leaves(fresh, path)) added.Add(leaf);
            return;
        }
        if (had && has) { if (!Equals(old, now)) changed.Add(path); }
        else if (has) added.Add(path);
        else if (had) removed.Add(path);
    }

    private static PhpArray ScopeTree(PhpArray system, ConfigEntry entry) => entry.Scope == ConfigScope.Default
        ? system.GetOrAddArray("default")
        : system.GetOrAddArray(ConfigEntry.ScopeName(entry.Scope)).GetOrAddArray(entry.ScopeCode!);

    /// <summary>env.php holds secrets: refuse to write it where Git tracks it, or would on the next add.</summary>
    private void EnsureEnvPhpStaysOutOfGit()
    {
        if (!Repository.IsValid(WorkingCopy)) return;
        using var repository = new Repository(WorkingCopy);
        if (repository.Index[EnvPhpPath] is not null)
            throw new CloudException(CloudErrorId.ConfigFileTracked,
                $"Git tracks {EnvPhpPath}, so the sensitive settings would be committed. Stop tracking it with " +
                $"'git rm --cached {EnvPhpPath}', add '/{EnvPhpPath}' to .gitignore, commit, then export again.", EnvPhpPath);
        if (!repository.Ignore.IsPathIgnored(EnvPhpPath))
            throw new CloudException(CloudErrorId.ConfigFileTracked,
                $".gitignore does not exclude {EnvPhpPath}, so the sensitive settings would be committed by the next 'git add'. " +
                $"Add '/{EnvPhpPath}' to .gitignore, then export again.", EnvPhpPath);
    }

    // ---- Effective configuration -------------------------------------------------------------

    public async Task<IReadOnlyList<CloudConfigSetting>> GetAsync(string environment, string? path, ConfigScope? scope,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        await using var database = await ResolveAsync(environment, observer, cancellationToken).ConfigureAwait(false);
        var endpoint = database.Endpoint;
        return await GetAsync(endpoint, VariablesOf(environment), path, scope, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Each setting's effective value, in Magento's precedence: environment variables, then
    /// .magento.app.yaml variables, env.php, config.php, the database. <paramref name="path"/> takes wildcards.
    /// </summary>
    public async Task<IReadOnlyList<CloudConfigSetting>> GetAsync(DatabaseEndpoint endpoint, IReadOnlyDictionary<string, string>? variables,
        string? path, ConfigScope? scope, CancellationToken cancellationToken)
    {
        var snapshot = await StoreDatabase.ReadAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var matcher = path is null ? null : Wildcard(path);
        return Effective(snapshot, variables).Values
            .Select(e => e.Setting)
            .Where(s => (scope is null || s.Scope == scope) && (matcher is null || matcher.IsMatch(s.Path)))
            .OrderBy(s => s.Path, StringComparer.Ordinal).ThenBy(s => s.Scope).ThenBy(s => s.ScopeCode, StringComparer.Ordinal)
            .ToList();
    }

    private sealed record EffectiveSetting(CloudConfigSetting Setting, string? Value);

    private Dictionary<string, EffectiveSetting> Effective(StoreSnapshot snapshot, IReadOnlyDictionary<string, string>? variables)
    {
        var settings = new Dictionary<string, EffectiveSetting>(StringComparer.Ordinal);
        void Put(ConfigEntry entry, ConfigSource source, string? lockedBy)
        {
            var sensitive = Sensitive.IsSensitive(entry.Path);
            settings[entry.Key] = new EffectiveSetting(new CloudConfigSetting
            {
                Path = entry.Path,
                Scope = entry.Scope,
                ScopeCode = entry.ScopeCode,
                Value = sensitive ? null : entry.Value,
                Source = source,
                IsLocked = lockedBy is not null,
                IsSensitive = sensitive,
                LockedBy = lockedBy,
            }, entry.Value);
        }

        foreach (var entry in snapshot.Settings) Put(entry, ConfigSource.Database, null);
        if (File.Exists(ConfigPhp))
            foreach (var entry in ConfigDump.Entries(PhpArrayReader.ReadFile(ConfigPhp, ConfigPhpPath).Root["system"] as PhpArray))
                Put(entry, ConfigSource.ConfigPhp, ConfigPhpPath);
        if (File.Exists(EnvPhp))
            foreach (var entry in ConfigDump.Entries(PhpArrayReader.ReadFile(EnvPhp, EnvPhpPath).Root["system"] as PhpArray))
                Put(entry, ConfigSource.EnvPhp, EnvPhpPath);
        foreach (var (name, value) in AppYamlVariables())
            if (FromVariable(name, value) is { } entry) Put(entry, ConfigSource.AppYaml, $"{AppConfig.File} variables env:{name}");
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
            if (FromVariable(name, value) is { } entry) Put(entry, ConfigSource.EnvironmentVariable, $"variable env:{name}");
        return settings;
    }

    private IEnumerable<(string Name, string Value)> AppYamlVariables()
    {
        if (!File.Exists(Path.Combine(WorkingCopy, AppConfig.File))) return [];
        return ProjectFiles.Load(WorkingCopy).App.Variables
            .Where(v => v.EnvironmentVariableName is not null && v.Value is not null)
            .Select(v => (v.EnvironmentVariableName!, Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
    }

    /// <summary>CONFIG__DEFAULT__SECTION__GROUP__FIELD, CONFIG__WEBSITES__CODE__..., CONFIG__STORES__CODE__...</summary>
    internal static ConfigEntry? FromVariable(string name, string value)
    {
        if (!name.StartsWith(VariablePrefix, StringComparison.Ordinal)) return null;
        var parts = name[VariablePrefix.Length..].ToLowerInvariant().Split("__");
        return parts switch
        {
            ["default", .. var rest] when rest.Length >= 1 => new ConfigEntry(ConfigScope.Default, null, string.Join('/', rest), value),
            ["websites", var code, .. var rest] when rest.Length >= 1 => new ConfigEntry(ConfigScope.Websites, code, string.Join('/', rest), value),
            ["stores", var code, .. var rest] when rest.Length >= 1 => new ConfigEntry(ConfigScope.Stores, code, string.Join('/', rest), value),
            _ => null,
        };
    }

    // ---- Set and remove ----------------------------------------------------------------------

    public async Task<CloudConfigSetting> SetAsync(string environment, string path, string? value, ConfigScope scope, string? scopeCode,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        await using var database = await ResolveAsync(environment, observer, cancellationToken).ConfigureAwait(false);
        var endpoint = database.Endpoint;
        return await SetAsync(endpoint, VariablesOf(environment), path, value, scope, scopeCode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores a setting in the database as <c>bin/magento config:set</c> does; a locked setting is refused.</summary>
    public async Task<CloudConfigSetting> SetAsync(DatabaseEndpoint endpoint, IReadOnlyDictionary<string, string>? variables,
        string path, string? value, ConfigScope scope, string? scopeCode, CancellationToken cancellationToken)
    {
        (path, scopeCode) = CheckSetting(path, scope, scopeCode);
        var snapshot = await StoreDatabase.ReadAsync(endpoint, cancellationToken).ConfigureAwait(false);
        EnsureNotLocked(snapshot, variables, scope, scopeCode, path);
        await StoreDatabase.SetAsync(endpoint, scope, scopeCode, path, value, cancellationToken).ConfigureAwait(false);
        var sensitive = Sensitive.IsSensitive(path);
        return new CloudConfigSetting
        {
            Path = path, Scope = scope, ScopeCode = scopeCode, Value = sensitive ? null : value,
            Source = ConfigSource.Database, IsSensitive = sensitive,
        };
    }

    public async Task<CloudConfigSetting> RemoveAsync(string environment, string path, ConfigScope scope, string? scopeCode,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        await using var database = await ResolveAsync(environment, observer, cancellationToken).ConfigureAwait(false);
        var endpoint = database.Endpoint;
        return await RemoveAsync(endpoint, VariablesOf(environment), path, scope, scopeCode, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a setting from the database, so the module's default applies again; returns what was removed.</summary>
    public async Task<CloudConfigSetting> RemoveAsync(DatabaseEndpoint endpoint, IReadOnlyDictionary<string, string>? variables,
        string path, ConfigScope scope, string? scopeCode, CancellationToken cancellationToken)
    {
        (path, scopeCode) = CheckSetting(path, scope, scopeCode);
        var snapshot = await StoreDatabase.ReadAsync(endpoint, cancellationToken).ConfigureAwait(false);
        EnsureNotLocked(snapshot, variables, scope, scopeCode, path);
        var key = ConfigEntry.KeyOf(scope, scopeCode, path);
        var stored = snapshot.Settings.FirstOrDefault(s => s.Key == key);
        if (!await StoreDatabase.RemoveAsync(endpoint, scope, scopeCode, path, cancellationToken).ConfigureAwait(false))
            throw new CloudException(CloudErrorId.ConfigSettingNotFound,
                $"'{path}' is not set in the database at the {Describe(scope, scopeCode)} scope. Get-CloudConfig -Path '{path}' shows where it is set.", path);
        var sensitive = Sensitive.IsSensitive(path);
        return new CloudConfigSetting
        {
            Path = path, Scope = scope, ScopeCode = scopeCode, Value = sensitive ? null : stored.Value,
            Source = ConfigSource.Database, IsSensitive = sensitive,
        };
    }

    private static (string Path, string? ScopeCode) CheckSetting(string path, ConfigScope scope, string? scopeCode)
    {
        path = path.Trim().Trim('/');
        if (!SettingPath.IsMatch(path))
            throw new CloudException(CloudErrorId.InvalidArgument,
                $"'{path}' is not a configuration path. Give section/group/field, such as general/locale/code.", path);
        if (scope == ConfigScope.Default && !string.IsNullOrEmpty(scopeCode) && scopeCode != "default")
            throw new CloudException(CloudErrorId.InvalidArgument,
                $"The default scope takes no scope code ('{scopeCode}' given). Use -Scope websites or -Scope stores with -ScopeCode.", scopeCode);
        if (scope != ConfigScope.Default && string.IsNullOrEmpty(scopeCode))
            throw new CloudException(CloudErrorId.InvalidArgument,
                $"The {ConfigEntry.ScopeName(scope)} scope needs -ScopeCode: the code of the {(scope == ConfigScope.Websites ? "website" : "store view")}.", path);
        return (path, scope == ConfigScope.Default ? null : scopeCode);
    }

    private void EnsureNotLocked(StoreSnapshot snapshot, IReadOnlyDictionary<string, string>? variables, ConfigScope scope, string? scopeCode, string path)
    {
        if (!Effective(snapshot, variables).TryGetValue(ConfigEntry.KeyOf(scope, scopeCode, path), out var effective) || !effective.Setting.IsLocked) return;
        throw new CloudException(CloudErrorId.ConfigLocked,
            $"'{path}' at the {Describe(scope, scopeCode)} scope is locked by {effective.Setting.LockedBy}, which overrides the database. " +
            $"Change it there (or remove it there to manage it in the database).", path);
    }

    private static string Describe(ConfigScope scope, string? code) => scope == ConfigScope.Default ? "default" : $"{ConfigEntry.ScopeName(scope)} '{code}'";

    // ---- Compare -----------------------------------------------------------------------------

    public async Task<IReadOnlyList<CloudConfigDifference>> CompareAsync(string environment, string referenceEnvironment,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        await using var database = await ResolveAsync(environment, observer, cancellationToken).ConfigureAwait(false);
        var endpoint = database.Endpoint;
        await using var referenceDatabase = await ResolveAsync(referenceEnvironment, observer, cancellationToken).ConfigureAwait(false);
        var reference = referenceDatabase.Endpoint;
        return await CompareAsync(endpoint, VariablesOf(environment), reference, VariablesOf(referenceEnvironment), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Two environments' effective configuration and store structure (websites, groups, stores, themes).</summary>
    public async Task<IReadOnlyList<CloudConfigDifference>> CompareAsync(DatabaseEndpoint endpoint, IReadOnlyDictionary<string, string>? variables,
        DatabaseEndpoint reference, IReadOnlyDictionary<string, string>? referenceVariables, CancellationToken cancellationToken)
    {
        var snapshot = await StoreDatabase.ReadAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var referenceSnapshot = await StoreDatabase.ReadAsync(reference, cancellationToken).ConfigureAwait(false);
        return Differences(Comparable(snapshot, variables), Comparable(referenceSnapshot, referenceVariables), referenceOnly: false);
    }

    public async Task<IReadOnlyList<CloudConfigDifference>> CompareWithFileAsync(string environment, string configFile,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        await using var database = await ResolveAsync(environment, observer, cancellationToken).ConfigureAwait(false);
        var endpoint = database.Endpoint;
        return await CompareWithFileAsync(endpoint, configFile, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A config.php against an environment's database: its scopes and themes both ways, and each
    /// setting the file holds (settings the file does not hold are not compared).
    /// </summary>
    public async Task<IReadOnlyList<CloudConfigDifference>> CompareWithFileAsync(DatabaseEndpoint endpoint, string configFile, CancellationToken cancellationToken)
    {
        var file = PhpArrayReader.ReadFile(configFile, Path.GetFileName(configFile) == "config.php" ? ConfigPhpPath : configFile).Root;
        var snapshot = await StoreDatabase.ReadAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var database = new Dictionary<string, (ConfigEntry Entry, bool Sensitive)>(StringComparer.Ordinal);
        foreach (var entry in snapshot.Settings) database[entry.Key] = (ConfigDump.Portable(entry, snapshot), Sensitive.IsSensitive(entry.Path));
        // Only the store structure the file holds is compared: a file without scopes (or themes) says nothing about them.
        AddStructure(database, ConfigDump.Build(snapshot, ConfigExportMode.All, Sensitive).Shared, file);

        var reference = new Dictionary<string, (ConfigEntry Entry, bool Sensitive)>(StringComparer.Ordinal);
        foreach (var entry in ConfigDump.Entries(file["system"] as PhpArray))
            reference[entry.Key] = (ConfigDump.Portable(entry, snapshot), Sensitive.IsSensitive(entry.Path));
        AddStructure(reference, file, file);
        return Differences(database, reference, referenceOnly: true);
    }

    private Dictionary<string, (ConfigEntry Entry, bool Sensitive)> Comparable(StoreSnapshot snapshot, IReadOnlyDictionary<string, string>? variables)
    {
        // Themes by path, not by id: ids differ between environments.
        var result = Effective(snapshot, variables).ToDictionary(
            e => e.Key,
            e => (ConfigDump.Portable(new ConfigEntry(e.Value.Setting.Scope, e.Value.Setting.ScopeCode, e.Value.Setting.Path, e.Value.Value), snapshot),
                  e.Value.Setting.IsSensitive),
            StringComparer.Ordinal);
        var structure = ConfigDump.Build(snapshot, ConfigExportMode.All, Sensitive).Shared;
        AddStructure(result, structure, structure);
        return result;
    }

    private static readonly string[][] StructureSections = [["scopes", "websites"], ["scopes", "groups"], ["scopes", "stores"], ["themes"]];

    /// <summary>Websites, groups, stores and themes as default-scope entries under scopes/ and themes/,
    /// for the sections that <paramref name="compared"/> holds.</summary>
    private static void AddStructure(Dictionary<string, (ConfigEntry Entry, bool Sensitive)> entries, PhpArray config, PhpArray compared)
    {
        foreach (var section in StructureSections)
        {
            var path = string.Join('/', section);
            if (compared.GetPath(path) is not PhpArray || config.GetPath(path) is not PhpArray array) continue;
            foreach (var (leaf, value) in ConfigDump.Leaves(array, path))
            {
                var entry = new ConfigEntry(ConfigScope.Default, null, leaf, value);
                entries[entry.Key] = (entry, false);
            }
        }
    }

    private static List<CloudConfigDifference> Differences(Dictionary<string, (ConfigEntry Entry, bool Sensitive)> compared,
        Dictionary<string, (ConfigEntry Entry, bool Sensitive)> reference, bool referenceOnly)
    {
        var keys = referenceOnly
            ? reference.Keys.Concat(compared.Keys.Where(k => !reference.ContainsKey(k) && !k.StartsWith("default|system/", StringComparison.Ordinal)
                                                              && (k.StartsWith("default|scopes/", StringComparison.Ordinal) || k.StartsWith("default|themes/", StringComparison.Ordinal))))
            : reference.Keys.Union(compared.Keys);
        var differences = new List<CloudConfigDifference>();
        foreach (var key in keys.Distinct())
        {
            var has = compared.TryGetValue(key, out var mine);
            var hasReference = reference.TryGetValue(key, out var theirs);
            if (has && hasReference && mine.Entry.Value == theirs.Entry.Value) continue;
            var entry = hasReference ? theirs.Entry : mine.Entry;
            var sensitive = mine.Sensitive || theirs.Sensitive;
            differences.Add(new CloudConfigDifference
            {
                Path = entry.Path,
                Scope = entry.Scope,
                ScopeCode = entry.ScopeCode,
                Reference = !hasReference ? null : sensitive ? CloudConfigDifference.Hidden : theirs.Entry.Value,
                Value = !has ? null : sensitive ? CloudConfigDifference.Hidden : mine.Entry.Value,
                Status = !has ? ConfigDifferenceStatus.MissingInEnvironment
                    : !hasReference ? ConfigDifferenceStatus.MissingInReference
                    : ConfigDifferenceStatus.Different,
                IsSensitive = sensitive,
            });
        }
        return differences.OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Scope).ThenBy(d => d.ScopeCode, StringComparer.Ordinal).ToList();
    }

    // ---- Deploy: apply config.php -------------------------------------------------------------

    /// <summary>
    /// What a deploy does with config.php, as <c>bin/magento app:config:import</c>: its websites,
    /// groups, stores and themes are written into the database's store tables. Idempotent.
    /// </summary>
    public static async Task<ConfigImportResult> ApplyAsync(DatabaseEndpoint endpoint, string configPhpPath,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        if (!File.Exists(configPhpPath))
        {
            observer.Log($"No {ConfigPhpPath}: nothing to import");
            return new ConfigImportResult();
        }
        return await ApplyAsync(endpoint, PhpArrayReader.ReadFile(configPhpPath, ConfigPhpPath).Root, observer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies config.php's scopes and themes (already read) to a database, as app:config:import does.</summary>
    public static async Task<ConfigImportResult> ApplyAsync(DatabaseEndpoint endpoint, PhpArray config,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        var result = await StoreDatabase.ImportAsync(endpoint, config, cancellationToken).ConfigureAwait(false);
        observer.Log(result.NotInstalled
            ? $"The database holds no Magento store tables yet: {ConfigPhpPath} not imported (install Magento, or Install-CloudSampleData, first)"
            : $"Imported {ConfigPhpPath} scopes and themes: {result.Inserted} added, {result.Updated} updated, {result.Unchanged} unchanged");
        return result;
    }

    // ---- Helpers -----------------------------------------------------------------------------

    private Task<EnvironmentDatabase> ResolveAsync(string environment, IOperationObserver observer, CancellationToken cancellationToken) =>
        _databases is null
            ? throw new InvalidOperationException("This ConfigurationService was made without a way to reach environments' databases.")
            : _databases(environment, observer, cancellationToken);

    private IReadOnlyDictionary<string, string>? VariablesOf(string environment) => _environmentVariables?.Invoke(environment);

    private static Regex Wildcard(string pattern) => new(
        "^" + Regex.Escape(pattern.Trim('/')).Replace("\\*", ".*").Replace("\\?", ".") + "$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
