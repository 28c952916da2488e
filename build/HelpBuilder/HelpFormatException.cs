namespace MagentoCloud.HelpBuilder;

/// <summary>
/// Help pages that cannot become help. Each problem reads "file: section: what to fix", so an author
/// fixes every page in one round instead of one build per mistake.
/// </summary>
public sealed class HelpFormatException(IReadOnlyList<string> problems)
    : Exception("Help is not valid:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
