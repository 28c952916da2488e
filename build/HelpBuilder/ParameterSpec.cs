namespace MagentoCloud.HelpBuilder;

/// <summary>The attributes of a parameter's yaml block (platyPS writes one block per differing set).</summary>
public sealed class ParameterSpec
{
    public string Type { get; init; } = "Object";
    public List<string> Sets { get; init; } = [];
    public bool InAllSets => Sets.Count == 0 || Sets.Contains("(All)", StringComparer.OrdinalIgnoreCase);
    public string Aliases { get; init; } = "none";
    public bool Required { get; init; }
    public string Position { get; init; } = "named";
    public string DefaultValue { get; init; } = "None";
    public string PipelineInput { get; init; } = "False";
    public bool Globbing { get; init; }
    public bool IsSwitch => Type.Equals("SwitchParameter", StringComparison.OrdinalIgnoreCase);
}
