namespace MagentoCloud.HelpBuilder;

/// <summary>One cmdlet's help as read from its markdown page.</summary>
public sealed class CommandHelp
{
    public required string Name { get; init; }
    public required string SourcePath { get; init; }
    public string Verb => Name[..Name.IndexOf('-')];
    public string Noun => Name[(Name.IndexOf('-') + 1)..];
    public List<string> Synopsis { get; } = [];
    public List<string> Description { get; } = [];
    /// <summary>Parameter set names in the order the SYNTAX section lists them; empty when there is one set.</summary>
    public List<string> ParameterSets { get; } = [];
    public List<ParameterHelp> Parameters { get; } = [];
    public List<ExampleHelp> Examples { get; } = [];
    public List<TypeHelp> Inputs { get; } = [];
    public List<TypeHelp> Outputs { get; } = [];
    public List<string> Notes { get; } = [];
    public List<LinkHelp> Links { get; } = [];
}
