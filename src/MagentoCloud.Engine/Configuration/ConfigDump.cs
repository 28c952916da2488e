namespace MagentoCloud.Engine.Configuration;

/// <summary>
/// Builds config.php's sections from a database's store configuration, as app:config:dump (All) or
/// ece-tools' scd-dump (Minimal) would, and sets the sensitive settings aside for env.php.
/// </summary>
internal sealed class ConfigDump
{
    /// <summary>The system/default paths the scd-dump set keeps (a path keeps everything under it).</summary>
    public static readonly IReadOnlyList<string> MinimalDefaultPaths =
    [
        "general/locale/code",
        "dev/static/sign",
        "dev/front_end_development_workflow",
        "dev/template",
        "dev/js",
        "dev/css",
        "advanced/modules_disable_output",
    ];

    /// <summary>The setting holding a theme by id; app:config:dump writes the theme's full path instead (since 2.2).</summary>
    public const string ThemeIdPath = "design/theme/theme_id";

    /// <summary>What a website or store view keeps in the Minimal set.</summary>
    public const string MinimalScopePath = "general/locale/code";

    /// <summary>
    /// config.php's top-level sections an export writes, in either mode: a section the mode does not
    /// dump is removed, as ece-tools' scd-dump (Minimal) drops the themes and i18n app:config:dump
    /// wrote. Other sections (modules, and any a module or a person added) are kept: no export
    /// writes them back, so dropping them would lose them.
    /// </summary>
    public static readonly IReadOnlyList<string> OwnedSections = ["scopes", "system", "themes", "i18n", "admin_user"];

    private ConfigDump(PhpArray shared, PhpArray sensitiveSystem, int settings, int sensitiveSettings, int scopes)
    {
        Shared = shared;
        SensitiveSystem = sensitiveSystem;
        Settings = settings;
        SensitiveSettings = sensitiveSettings;
        Scopes = scopes;
    }

    /// <summary>The sections for config.php, in Magento's order.</summary>
    public PhpArray Shared { get; }

    /// <summary>env.php's <c>system</c> section: default / websites / stores trees of sensitive settings.</summary>
    public PhpArray SensitiveSystem { get; }

    public int Settings { get; }

    public int SensitiveSettings { get; }

    public int Scopes { get; }

    public static ConfigDump Build(StoreSnapshot snapshot, ConfigExportMode mode, SensitiveConfigPaths sensitive)
    {
        var shared = new PhpArray();
        var scopes = shared.GetOrAddArray("scopes");
        var websites = scopes.GetOrAddArray("websites");
        foreach (var row in snapshot.Websites) websites[PhpArray.ScalarText(row["code"])!] = row.Clone();
        var groups = scopes.GetOrAddArray("groups");
        foreach (var row in snapshot.Groups) groups[PhpArray.ScalarText(row["group_id"])!] = row.Clone();
        var stores = scopes.GetOrAddArray("stores");
        foreach (var row in snapshot.Stores) stores[PhpArray.ScalarText(row["code"])!] = row.Clone();

        var system = shared.GetOrAddArray("system");
        var secret = new PhpArray();
        int settings = 0, sensitiveSettings = 0;
        foreach (var entry in snapshot.Settings)
        {
            var isSensitive = sensitive.IsSensitive(entry.Path);
            if (!isSensitive && mode == ConfigExportMode.Minimal && !InMinimalSet(entry)) continue;
            var target = isSensitive ? secret : system;
            var tree = entry.Scope == ConfigScope.Default
                ? target.GetOrAddArray("default")
                : target.GetOrAddArray(ConfigEntry.ScopeName(entry.Scope)).GetOrAddArray(entry.ScopeCode!);
            SetLeaf(tree, entry.Path, Portable(entry, snapshot).Value);
            if (isSensitive) sensitiveSettings++;
            else settings++;
        }

        if (mode == ConfigExportMode.All)
        {
            var themes = shared.GetOrAddArray("themes");
            foreach (var (key, row) in snapshot.Themes) themes[key] = row.Clone();
            shared["i18n"] = snapshot.Translations.Clone();
        }
        var locales = new PhpArray();
        foreach (var locale in snapshot.AdminLocales) locales.Add(locale);
        shared.GetOrAddArray("admin_user").GetOrAddArray("locale")["code"] = locales;

        return new ConfigDump(shared, secret, settings, sensitiveSettings,
            snapshot.Websites.Count + snapshot.Groups.Count + snapshot.Stores.Count);
    }

    /// <summary>
    /// A setting as it can travel between environments, as app:config:dump writes it: a theme named by
    /// its database id becomes its full path (<c>frontend/Magento/luma</c>); ids differ between
    /// environments, paths do not. An id that names no theme is left as it is, as Magento leaves it.
    /// </summary>
    public static ConfigEntry Portable(ConfigEntry entry, StoreSnapshot snapshot) =>
        entry.Path == ThemeIdPath && entry.Value is { } id && snapshot.ThemeFullPaths.TryGetValue(id.Trim(), out var fullPath)
            ? entry with { Value = fullPath }
            : entry;

    public static bool InMinimalSet(ConfigEntry entry) => entry.Scope == ConfigScope.Default
        ? MinimalDefaultPaths.Any(p => entry.Path == p || entry.Path.StartsWith(p + "/", StringComparison.Ordinal))
        : entry.Path == MinimalScopePath;

    /// <summary>Sets a setting's path in a scope tree; a path that is both a value and a parent keeps the parent.</summary>
    public static void SetLeaf(PhpArray tree, string path, object? value)
    {
        var parts = path.Split('/');
        var array = tree;
        for (var i = 0; i < parts.Length - 1; i++)
            array = array.GetOrAddArray(parts[i]);
        if (array[parts[^1]] is PhpArray) return;
        array[parts[^1]] = value;
    }

    /// <summary>The settings held in a config.php or env.php <c>system</c> section.</summary>
    public static IEnumerable<ConfigEntry> Entries(PhpArray? system)
    {
        if (system is null) yield break;
        if (system["default"] is PhpArray defaults)
            foreach (var (path, value) in Leaves(defaults, "", emptyArrays: false))
                yield return new ConfigEntry(ConfigScope.Default, null, path, value);
        foreach (var scope in new[] { ConfigScope.Websites, ConfigScope.Stores })
        {
            if (system[ConfigEntry.ScopeName(scope)] is not PhpArray byCode) continue;
            foreach (var (code, tree) in byCode)
            {
                if (tree is not PhpArray settings) continue;
                foreach (var (path, value) in Leaves(settings, "", emptyArrays: false))
                    yield return new ConfigEntry(scope, code.ToString(), path, value);
            }
        }
    }

    /// <summary>Every scalar under an array, as a slash-separated path and its text; an empty array is
    /// the text <c>[]</c> unless <paramref name="emptyArrays"/> is false (as settings, they hold nothing).</summary>
    public static IEnumerable<(string Path, string? Value)> Leaves(PhpArray array, string prefix, bool emptyArrays = true)
    {
        foreach (var (key, value) in array)
        {
            var path = prefix.Length == 0 ? key.ToString()! : prefix + "/" + key;
            if (value is PhpArray nested)
            {
                if (nested.Count == 0 && emptyArrays) yield return (path, "[]");
                foreach (var leaf in Leaves(nested, path, emptyArrays)) yield return leaf;
            }
            else
            {
                yield return (path, PhpArray.ScalarText(value));
            }
        }
    }
}
