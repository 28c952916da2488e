namespace MagentoCloud.HelpBuilder;

/// <summary>An input or output type and what it carries.</summary>
public sealed record TypeHelp(string Name, IReadOnlyList<string> Description);
