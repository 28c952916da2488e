using YamlDotNet.RepresentationModel;

namespace MagentoCloud.Engine.Project;

/// <summary>
/// <c>.magento.app.yaml</c>, the application: what it is, how it builds and deploys, what it
/// connects to and where it writes. Read leniently: a wrong shape gives an empty value here and a
/// finding from <see cref="ProjectValidator"/>.
/// </summary>
public sealed class AppConfig
{
    public const string File = ".magento.app.yaml";

    public string Name { get; private init; } = "";

    /// <summary>The runtime, e.g. <c>php:8.3</c>.</summary>
    public string? Type { get; private init; }

    /// <summary><c>build.flavor</c>: <c>none</c> or <c>composer</c>.</summary>
    public string? BuildFlavor { get; private init; }

    /// <summary><c>dependencies</c>: tool kind (php, nodejs, ...) → package → version.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Dependencies { get; private init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public AppHooks Hooks { get; private init; } = new(null, null, null);

    public IReadOnlyList<Relationship> Relationships { get; private init; } = [];

    public IReadOnlyList<Mount> Mounts { get; private init; } = [];

    /// <summary>MB of persistent disk.</summary>
    public int? Disk { get; private init; }

    public IReadOnlyList<WebLocation> WebLocations { get; private init; } = [];

    public IReadOnlyList<CronJob> Crons { get; private init; } = [];

    public IReadOnlyList<AppVariable> Variables { get; private init; } = [];

    /// <summary><c>workers:</c> with a <c>commands.start</c>; a worker without one is left out (and reported by the validator).</summary>
    public IReadOnlyList<WorkerDefinition> Workers { get; private init; } = [];

    /// <summary><c>runtime.extensions</c>: PHP extensions to enable.</summary>
    public IReadOnlyList<string> RuntimeExtensions { get; private init; } = [];

    internal static AppConfig From(YamlSource source)
    {
        var root = source.Mapping;
        if (root is null) return new AppConfig();
        var hooks = root.Child("hooks");
        return new AppConfig
        {
            Name = root.Child("name").Text() ?? "",
            Type = root.Child("type").Text(),
            BuildFlavor = root.Child("build").Child("flavor").Text(),
            Dependencies = (root.Child("dependencies") as YamlMappingNode).Entries()
                .ToDictionary(e => e.Key, e => (IReadOnlyDictionary<string, string>)(e.Value as YamlMappingNode).Entries()
                    .ToDictionary(p => p.Key, p => p.Value.Text() ?? "")),
            Hooks = new AppHooks(hooks.Child("build").Text(), hooks.Child("deploy").Text(), hooks.Child("post_deploy").Text()),
            Relationships = (root.Child("relationships") as YamlMappingNode).Entries()
                .Select(e => ParseRelationship(e.Key, e.Value.Text()))
                .OfType<Relationship>().ToList(),
            Mounts = (root.Child("mounts") as YamlMappingNode).Entries()
                .Select(e => ParseMount(e.Key, e.Value)).OfType<Mount>().ToList(),
            Disk = root.Child("disk").Integer(),
            WebLocations = (root.Child("web").Child("locations") as YamlMappingNode).Entries()
                .Select(e => ParseLocation(e.Key, e.Value)).ToList(),
            Crons = (root.Child("crons") as YamlMappingNode).Entries()
                .Select(e => new CronJob(e.Key, e.Value.Child("spec").Text() ?? "", e.Value.Child("cmd").Text() ?? e.Value.Child("commands").Child("start").Text() ?? ""))
                .ToList(),
            Variables = ParseVariables(root.Child("variables") as YamlMappingNode),
            Workers = (root.Child("workers") as YamlMappingNode).Entries()
                .Where(e => !string.IsNullOrWhiteSpace(e.Value.Child("commands").Child("start").Text()))
                .Select(e => new WorkerDefinition(e.Key, e.Value.Child("commands").Child("start").Text()!))
                .ToList(),
            RuntimeExtensions = (root.Child("runtime").Child("extensions") as YamlSequenceNode)?.Children
                .Select(n => n.Text() ?? n.Child("name").Text()).OfType<string>().ToList() ?? [],
        };
    }

    /// <summary>A web location with the platform's defaults: files allowed, scripts run, no caching headers.</summary>
    internal static WebLocation ParseLocation(string path, YamlNode value) =>
        new(path, value.Child("root").Text(), Passthru(value.Child("passthru")) is { Length: > 0 } passthru ? passthru : null)
        {
            Index = value.Child("index") switch
            {
                YamlSequenceNode list => list.Children.Select(n => n.Text()).OfType<string>().ToList(),
                var single when single.Text() is { } name => [name],
                _ => [],
            },
            Expires = value.Child("expires").Text(),
            Allow = value.Child("allow").Boolean() ?? true,
            Scripts = value.Child("scripts").Boolean() ?? true,
            Headers = Headers(value.Child("headers")) ?? new Dictionary<string, string>(),
            Rules = (value.Child("rules") as YamlMappingNode).Entries().Select(r => new WebRule(r.Key)
            {
                Allow = r.Value.Child("allow").Boolean(),
                Scripts = r.Value.Child("scripts").Boolean(),
                Expires = r.Value.Child("expires").Text(),
                Passthru = Passthru(r.Value.Child("passthru")),
                Headers = Headers(r.Value.Child("headers")),
            }).ToList(),
        };

    /// <summary>A passthru URL; <c>false</c> is "none" (an empty string), absent is null.</summary>
    private static string? Passthru(YamlNode? node) => node.Boolean() == false ? "" : node.Text();

    private static Dictionary<string, string>? Headers(YamlNode? node) =>
        node is YamlMappingNode map ? map.Entries().ToDictionary(e => e.Key, e => e.Value.Text() ?? "") : null;

    /// <summary><c>"mysql:mysql"</c> → service mysql, endpoint mysql; <c>"mysql"</c> → no endpoint.</summary>
    internal static Relationship? ParseRelationship(string name, string? target)
    {
        if (string.IsNullOrWhiteSpace(target)) return null;
        var colon = target.IndexOf(':');
        return colon < 0
            ? new Relationship(name, target.Trim(), null)
            : new Relationship(name, target[..colon].Trim(), target[(colon + 1)..].Trim());
    }

    /// <summary>The short form <c>"shared:files/var"</c> or the long form <c>{source: local, source_path: var}</c>.</summary>
    internal static Mount? ParseMount(string path, YamlNode value)
    {
        if (value.Text() is { } text)
        {
            const string prefix = "shared:files/";
            return text.StartsWith(prefix, StringComparison.Ordinal) && text.Length > prefix.Length
                ? new Mount(path.Trim('/'), "local", text[prefix.Length..].Trim('/'))
                : null;
        }
        var source = value.Child("source").Text();
        var sourcePath = value.Child("source_path").Text();
        return source is "local" or "service" && !string.IsNullOrWhiteSpace(sourcePath)
            ? new Mount(path.Trim('/'), source, sourcePath.Trim('/'))
            : null;
    }

    /// <summary>The source folder of a mount as written (the part after <c>shared:files/</c>, or <c>source_path</c>), untrimmed; null when there is none.</summary>
    internal static string? MountSourceText(YamlNode value)
    {
        const string prefix = "shared:files/";
        if (value.Text() is { } text)
            return text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : null;
        return value.Child("source_path").Text();
    }

    /// <summary><c>variables: {env: {X: 1}, php: {memory_limit: 1G}, plain: v}</c> → env:X, php:memory_limit, plain.</summary>
    private static List<AppVariable> ParseVariables(YamlMappingNode? variables)
    {
        var list = new List<AppVariable>();
        foreach (var (prefix, _, value) in variables.Entries())
        {
            if (value is YamlMappingNode nested)
                list.AddRange(nested.Entries().Select(e => new AppVariable($"{prefix}:{e.Key}", e.Value.ToPlain())));
            else
                list.Add(new AppVariable(prefix, value.ToPlain()));
        }
        return list;
    }
}
