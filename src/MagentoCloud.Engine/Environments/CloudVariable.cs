namespace MagentoCloud.Engine.Environments;

/// <summary>A variable as output shows it. A sensitive one never shows its value (Value is null).</summary>
public sealed class CloudVariable
{
    public string Name { get; set; } = "";

    /// <summary>The value; null when <see cref="IsSensitive"/>.</summary>
    public string? Value { get; set; }

    public VariableLevel Level { get; set; }

    /// <summary>The environment it is defined on; null at project level.</summary>
    public string? Environment { get; set; }

    public bool IsSensitive { get; set; }

    /// <summary>Whether child environments inherit it (environment level only).</summary>
    public bool IsInheritable { get; set; }

    public bool IsJson { get; set; }

    public bool VisibleBuild { get; set; }

    public bool VisibleRuntime { get; set; }

    /// <summary>When listing an environment's effective set: the ancestor it came from; null if its own or project level.</summary>
    public string? InheritedFrom { get; set; }

    public override string ToString() => Name;
}
