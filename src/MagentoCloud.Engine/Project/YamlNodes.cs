using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MagentoCloud.Engine.Project;

/// <summary>Small readers over YAML nodes that never throw on the wrong shape; validation reports shapes.</summary>
internal static class YamlNodes
{
    public static IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(this YamlMappingNode? map)
    {
        if (map is null) yield break;
        foreach (var (k, v) in map.Children)
            yield return ((k as YamlScalarNode)?.Value ?? "", k, v);
    }

    public static YamlNode? Child(this YamlNode? node, string key)
    {
        if (node is not YamlMappingNode map) return null;
        foreach (var (k, v) in map.Children)
            if (k is YamlScalarNode s && s.Value == key) return v;
        return null;
    }

    public static string? Text(this YamlNode? node) =>
        node is YamlScalarNode s && !IsNull(s) ? s.Value : null;

    public static int? Integer(this YamlNode? node) =>
        node is YamlScalarNode s && IsPlain(s) && int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null;

    public static bool? Boolean(this YamlNode? node) =>
        node is YamlScalarNode s && IsPlain(s) ? s.Value?.ToLowerInvariant() switch { "true" => true, "false" => false, _ => null } : null;

    public static bool IsPlain(YamlScalarNode s) => s.Style is ScalarStyle.Plain or ScalarStyle.Any;

    public static bool IsNull(YamlScalarNode s) =>
        IsPlain(s) && s.Tag.IsEmpty && (s.Value is null or "" or "~" or "null" or "Null" or "NULL");

    /// <summary>A node as plain .NET values: string, list, ordered dictionary; typed scalars stay strings.</summary>
    public static object? ToPlain(this YamlNode? node) => node switch
    {
        YamlScalarNode s => IsNull(s) ? null : s.Value,
        YamlSequenceNode q => q.Children.Select(ToPlain).ToList(),
        YamlMappingNode m => m.Children.ToDictionary(e => ((e.Key as YamlScalarNode)?.Value) ?? "", e => ToPlain(e.Value)),
        _ => null,
    };

    public static string Describe(this YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "empty",
        YamlScalarNode s when s.Boolean() is not null => "a boolean",
        YamlScalarNode s when s.Integer() is not null => "an integer",
        YamlScalarNode => "a string",
        _ => "an alias",
    };
}
