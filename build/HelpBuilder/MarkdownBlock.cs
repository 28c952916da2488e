namespace MagentoCloud.HelpBuilder;

/// <summary>A paragraph of text, or a fenced code block with its language (empty when none).</summary>
public sealed record MarkdownBlock(string Text, string? CodeLanguage = null)
{
    public bool IsCode => CodeLanguage is not null;

    /// <summary>Splits lines into paragraphs (at blank lines) and fenced code blocks.</summary>
    public static List<MarkdownBlock> Parse(IEnumerable<string> lines)
    {
        var blocks = new List<MarkdownBlock>();
        var paragraph = new List<string>();
        List<string>? code = null;
        string fence = "", language = "";

        void EndParagraph()
        {
            if (paragraph.Count > 0) blocks.Add(new MarkdownBlock(JoinParagraph(paragraph)));
            paragraph.Clear();
        }

        foreach (var raw in lines)
        {
            var trimmed = raw.Trim();
            if (code is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal) && trimmed.Trim(fence[0]).Length == 0)
                {
                    blocks.Add(new MarkdownBlock(string.Join("\n", code).TrimEnd(), language));
                    code = null;
                }
                else code.Add(raw.TrimEnd());
                continue;
            }
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                EndParagraph();
                fence = new string(trimmed[0], trimmed.TakeWhile(c => c == trimmed[0]).Count());
                language = trimmed[fence.Length..].Trim().ToLowerInvariant();
                code = [];
                continue;
            }
            if (trimmed.Length == 0) EndParagraph();
            else paragraph.Add(raw.TrimEnd());
        }
        if (code is not null) blocks.Add(new MarkdownBlock(string.Join("\n", code).TrimEnd(), language));
        EndParagraph();
        return blocks;
    }

    // Get-Help wraps text itself, so soft line breaks become spaces; lists and tables keep their lines.
    private static string JoinParagraph(List<string> lines)
    {
        bool keepLines = lines.Any(l =>
        {
            var t = l.TrimStart();
            return t.StartsWith("- ", StringComparison.Ordinal) || t.StartsWith("* ", StringComparison.Ordinal)
                || t.StartsWith("+ ", StringComparison.Ordinal) || t.StartsWith('|')
                || (t.Length > 2 && char.IsDigit(t[0]) && t.TrimStart("0123456789".ToCharArray()).StartsWith(". ", StringComparison.Ordinal));
        });
        return keepLines
            ? string.Join("\n", lines.Select(l => l.TrimEnd()))
            : string.Join(" ", lines.Select(l => l.Trim()));
    }
}
