using MagentoCloud.Engine.Configuration;
using MagentoCloud.Engine.Project;
using YamlDotNet.RepresentationModel;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// <c>.magento/overrides.yaml</c>, ours: settings that an environment's database must hold after data lands in it
/// from another environment (mail off, payment and ERP settings at their sandbox values), by environment name or
/// type, then scope: <c>default</c>, <c>websites: {code: ...}</c>, <c>stores: {code: ...}</c>, each a map of
/// <c>section/group/field: value</c>. A null value (<c>~</c>) removes the setting (Magento's default applies).
/// </summary>
public sealed class SettingsOverrides
{
    public const string ProjectFile = ".magento/overrides.yaml";

    private SettingsOverrides(IReadOnlyList<ConfigEntry> entries) => Entries = entries;

    public static readonly SettingsOverrides None = new([]);

    /// <summary>The settings, in file order.</summary>
    public IReadOnlyList<ConfigEntry> Entries { get; }

    /// <summary>The overrides for an environment: its own entry, else its type's; none when the file is absent.</summary>
    public static SettingsOverrides For(string projectRoot, string environment, string type)
    {
        var source = YamlSource.Load(projectRoot, ProjectFile);
        if (!source.Exists) return None;
        if (source.SyntaxError is { } syntax)
            throw Invalid($"{ProjectFile}:{syntax.Start.Line}:{syntax.Start.Column}: {syntax.Message}");
        if (source.Root is not null && source.Mapping is null) throw Invalid($"{ProjectFile}: the file must be a map of environment names or types.");
        var entry = source.Mapping.Child(environment) ?? source.Mapping.Child(type);
        if (entry is null) return None;
        if (entry is not YamlMappingNode scopes) throw Invalid(Where(entry, $"'{environment}' or '{type}' must be a map of scopes (default, websites, stores)."));
        var entries = new List<ConfigEntry>();
        foreach (var (key, keyNode, value) in scopes.Entries())
        {
            switch (key)
            {
                case "default":
                    entries.AddRange(Settings(ConfigScope.Default, null, value));
                    break;
                case "websites" or "stores":
                    if (value is not YamlMappingNode codes) throw Invalid(Where(value, $"'{key}' must be a map of {key[..^1]} codes."));
                    foreach (var (code, _, settings) in codes.Entries())
                        entries.AddRange(Settings(key == "websites" ? ConfigScope.Websites : ConfigScope.Stores, code, settings));
                    break;
                default:
                    throw Invalid(Where(keyNode, $"unknown scope '{key}': use default, websites or stores."));
            }
        }
        return new SettingsOverrides(entries);
    }

    private static IEnumerable<ConfigEntry> Settings(ConfigScope scope, string? code, YamlNode node)
    {
        if (node is not YamlMappingNode map) throw Invalid(Where(node, "settings must be a map of path: value."));
        foreach (var (path, keyNode, value) in map.Entries())
        {
            if (path.Split('/') is not { Length: >= 3 } parts || parts.Any(p => p.Length == 0))
                throw Invalid(Where(keyNode, $"'{path}' is not a setting path (section/group/field)."));
            if (value is not YamlScalarNode scalar) throw Invalid(Where(value, $"the value of '{path}' must be a single value."));
            yield return new ConfigEntry(scope, code, path, YamlNodes.IsNull(scalar) ? null : scalar.Value);
        }
    }

    private static string Where(YamlNode node, string message) => $"{ProjectFile}:{node.Start.Line}:{node.Start.Column}: {message}";

    private static CloudException Invalid(string message) =>
        new(CloudErrorId.OverridesInvalid, message + " Fix the file and copy the data again.", ProjectFile);
}
