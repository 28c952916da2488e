using System.Globalization;
using System.Text.Json.Nodes;
using MagentoCloud.Engine.Project;
using YamlDotNet.RepresentationModel;

namespace MagentoCloud.Engine.Build;

/// <summary>
/// The <c>.magento.app.yaml</c> of the commit being built, as JSON (what hooks get in
/// <c>MAGENTO_CLOUD_APPLICATION</c>), with the few values the build and deploy read from it.
/// </summary>
public sealed class AppDocument
{
    public const string FileName = ".magento.app.yaml";

    private AppDocument(string text, JsonObject json)
    {
        Text = text;
        Json = json;
    }

    public string Text { get; }

    public JsonObject Json { get; }

    public string Name => Json["name"]?.ToString() ?? "app";

    public string Flavor => (Json["build"] as JsonObject)?["flavor"]?.ToString() ?? "none";

    public string? BuildHook => Hook("build");

    public string? DeployHook => Hook("deploy");

    public string? PostDeployHook => Hook("post_deploy");

    /// <summary>Mounts as (path in the app, folder under the environment's shared files).</summary>
    public IReadOnlyList<(string Path, string SourcePath)> Mounts =>
        (Json["mounts"] as JsonObject)?.Select(m => (m.Key.Trim('/'), MountSource(m.Value))).Where(m => m.Item2 is not null)
            .Select(m => (m.Item1, m.Item2!)).ToList() ?? [];

    /// <summary>Crons as (name, crontab spec, command).</summary>
    public IReadOnlyList<(string Name, string Spec, string Command)> Crons =>
        (Json["crons"] as JsonObject)?.Select(c => (c.Key, (c.Value as JsonObject)?["spec"]?.ToString() ?? "", (c.Value as JsonObject)?["cmd"]?.ToString() ?? ""))
            .Where(c => c.Item2.Length > 0 && c.Item3.Length > 0).ToList() ?? [];

    /// <summary>Workers as (name, start command); those without <c>commands.start</c> are not run.</summary>
    public IReadOnlyList<WorkerDefinition> Workers =>
        (Json["workers"] as JsonObject)?.Select(w => new WorkerDefinition(w.Key, ((w.Value as JsonObject)?["commands"] as JsonObject)?["start"]?.ToString() ?? ""))
            .Where(w => w.Command.Trim().Length > 0).ToList() ?? [];

    private static string? MountSource(JsonNode? value)
    {
        const string prefix = "shared:files/";
        if (value is JsonValue && value.ToString() is { } text)
            return text.StartsWith(prefix, StringComparison.Ordinal) && text.Length > prefix.Length ? text[prefix.Length..].Trim('/') : null;
        return (value as JsonObject)?["source_path"]?.ToString()?.Trim('/') is { Length: > 0 } path ? path : null;
    }

    private string? Hook(string name) => ((Json["hooks"] as JsonObject)?[name] as JsonValue)?.ToString() is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? text : null;

    public static AppDocument Parse(string text, string source)
    {
        YamlNode? root;
        try
        {
            root = YamlReader.Read(text);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new CloudException(CloudErrorId.ProjectInvalid,
                $"{source} {(e is YamlLimitException ? "is refused" : "is not valid YAML")} at line {e.Start.Line}, column {e.Start.Column}: {e.Message}. Fix it (Test-CloudProject shows every problem) and commit again.",
                source, e);
        }
        return new AppDocument(text, (root is null ? null : ToJson(root)) as JsonObject ?? []);
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c =>
            KeyValuePair.Create(((c.Key as YamlScalarNode)?.Value) ?? c.Key.ToString(), ToJson(c.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value;
        if (scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain || value is null) return value is null ? null : JsonValue.Create(value);
        if (value is "~" or "null" or "") return null;
        if (value is "true" or "false") return JsonValue.Create(value == "true");
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return JsonValue.Create(number);
        return JsonValue.Create(value);
    }
}
