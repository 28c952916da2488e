namespace MagentoCloud.Engine.Environments;

/// <summary>What to set on a variable. A null flag keeps the variable's current one (or the default for a new one).</summary>
public sealed class VariableSettings
{
    public bool? Sensitive { get; init; }

    /// <summary>Environment level only; default true.</summary>
    public bool? Inheritable { get; init; }

    public bool? Json { get; init; }

    public bool? VisibleBuild { get; init; }

    public bool? VisibleRuntime { get; init; }
}
