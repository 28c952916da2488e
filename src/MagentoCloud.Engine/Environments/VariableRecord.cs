namespace MagentoCloud.Engine.Environments;

/// <summary>A variable as the state stores it (the value in clear: the state is the team's shared truth).</summary>
public sealed class VariableRecord
{
    public string Name { get; set; } = "";

    public string Value { get; set; } = "";

    public bool Sensitive { get; set; }

    public bool Inheritable { get; set; } = true;

    public bool Json { get; set; }

    public bool VisibleBuild { get; set; } = true;

    public bool VisibleRuntime { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    internal CloudVariable ToOutput(VariableLevel level, string? environment, string? inheritedFrom) => new()
    {
        Name = Name,
        Value = Sensitive ? null : Value,
        Level = level,
        Environment = environment,
        IsSensitive = Sensitive,
        IsInheritable = level == VariableLevel.Environment && Inheritable,
        IsJson = Json,
        VisibleBuild = VisibleBuild,
        VisibleRuntime = VisibleRuntime,
        InheritedFrom = inheritedFrom,
    };
}
