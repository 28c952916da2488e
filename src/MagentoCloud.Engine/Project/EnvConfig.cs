using YamlDotNet.RepresentationModel;

namespace MagentoCloud.Engine.Project;

/// <summary>
/// <c>.magento.env.yaml</c>: ece-tools' settings by stage (global, build, deploy, post-deploy)
/// and its log handlers. A stage's value overrides the global one.
/// </summary>
public sealed class EnvConfig
{
    public const string File = ".magento.env.yaml";

    public static readonly IReadOnlyList<string> Stages = ["global", "build", "deploy", "post-deploy"];

    private readonly Dictionary<string, IReadOnlyDictionary<string, object?>> _stages = new(StringComparer.Ordinal);

    /// <summary>Log handler name (slack, email, ...) → its settings.</summary>
    public IReadOnlyDictionary<string, object?> Log { get; private init; } = new Dictionary<string, object?>();

    /// <summary>The variables written under one stage, as written (no global merged in).</summary>
    public IReadOnlyDictionary<string, object?> StageVariables(string stage) =>
        _stages.TryGetValue(stage, out var v) ? v : new Dictionary<string, object?>();

    /// <summary>What ece-tools sees in a stage: global, overridden by the stage's own values.</summary>
    public IReadOnlyDictionary<string, object?> EffectiveVariables(string stage)
    {
        var merged = new Dictionary<string, object?>(StageVariables("global"), StringComparer.Ordinal);
        if (stage != "global")
            foreach (var (k, v) in StageVariables(stage)) merged[k] = v;
        return merged;
    }

    internal static EnvConfig From(YamlSource source)
    {
        var root = source.Mapping;
        var config = new EnvConfig
        {
            Log = root.Child("log").ToPlain() as Dictionary<string, object?> ?? new Dictionary<string, object?>(),
        };
        foreach (var (stage, _, vars) in (root.Child("stage") as YamlMappingNode).Entries())
            config._stages[stage] = vars.ToPlain() as Dictionary<string, object?> ?? new Dictionary<string, object?>();
        return config;
    }
}
