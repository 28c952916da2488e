namespace MagentoCloud.Engine.Configuration;

/// <summary>One stored setting: a path at a scope (a website or store by code), and its value.</summary>
public readonly record struct ConfigEntry(ConfigScope Scope, string? ScopeCode, string Path, string? Value)
{
    /// <summary>Identifies the setting regardless of its value.</summary>
    public string Key => ConfigEntry.KeyOf(Scope, ScopeCode, Path);

    public static string KeyOf(ConfigScope scope, string? scopeCode, string path) =>
        scope == ConfigScope.Default ? "default|" + path : $"{scope.ToString().ToLowerInvariant()}|{scopeCode}|{path}";

    /// <summary>The scope as core_config_data and config.php's <c>system</c> name it.</summary>
    public static string ScopeName(ConfigScope scope) => scope.ToString().ToLowerInvariant();
}
