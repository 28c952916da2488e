using System.Text;
using System.Text.RegularExpressions;

namespace MagentoCloud.HelpBuilder;

/// <summary>Builds the module's MAML file from a folder of cmdlet pages.</summary>
public static partial class HelpFile
{
    /// <summary>
    /// Reads every "Verb-Noun.md" in <paramref name="helpDirectory"/> (other pages, such as the module
    /// page or about_ topics, are not cmdlet help) and writes <paramref name="outputPath"/>.
    /// Throws <see cref="HelpFormatException"/> listing every problem in every page; writes nothing then.
    /// </summary>
    public static IReadOnlyList<CommandHelp> Build(string helpDirectory, string outputPath)
    {
        if (!Directory.Exists(helpDirectory))
            throw new DirectoryNotFoundException($"Help folder '{helpDirectory}' does not exist; pass the folder that holds the Verb-Noun.md pages.");

        var commands = new List<CommandHelp>();
        var problems = new List<string>();
        var pages = Directory.EnumerateFiles(helpDirectory, "*.md")
            .Where(f => CmdletPage().IsMatch(Path.GetFileName(f)))
            .Order(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            try
            {
                commands.Add(HelpMarkdownParser.Parse(DisplayPath(page), File.ReadAllText(page)));
            }
            catch (HelpFormatException e)
            {
                problems.AddRange(e.Problems);
            }
        }
        if (problems.Count > 0) throw new HelpFormatException(problems);

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        using var writer = new StreamWriter(outputPath, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        MamlWriter.Write(commands).Save(writer);
        return commands;
    }

    // Relative to where the build runs when inside it, so errors read "docs/help/Get-X.md: ...".
    private static string DisplayPath(string page)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, page);
        return relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(page) : relative;
    }

    [GeneratedRegex(@"^[A-Za-z]+-[A-Za-z0-9]+\.md$")]
    private static partial Regex CmdletPage();
}
