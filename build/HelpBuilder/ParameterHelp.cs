namespace MagentoCloud.HelpBuilder;

/// <summary>A parameter's description and its attributes, one <see cref="ParameterSpec"/> per yaml block.</summary>
public sealed class ParameterHelp
{
    public required string Name { get; init; }
    public List<string> Description { get; } = [];
    public List<ParameterSpec> Specs { get; } = [];

    /// <summary>The attributes that hold in a set, or null when the parameter is not in it.</summary>
    public ParameterSpec? SpecFor(string set) =>
        Specs.FirstOrDefault(s => s.Sets.Contains(set, StringComparer.OrdinalIgnoreCase))
        ?? Specs.FirstOrDefault(s => s.InAllSets);
}
