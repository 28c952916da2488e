namespace MagentoCloud.Engine.Project;

/// <summary>What ece-tools accepts for one variable: its type, the stages it may appear in, its values.</summary>
public sealed record EnvVariableRule(
    string Name,
    EnvVariableKind Kind,
    IReadOnlyList<string> Stages,
    IReadOnlyList<string>? AllowedValues = null,
    int? Minimum = null,
    int? Maximum = null);
