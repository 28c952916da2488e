namespace MagentoCloud.HelpBuilder;

public sealed record LinkHelp(string Text, string Uri);
