using System.Text.RegularExpressions;

namespace MagentoCloud.HelpBuilder;

/// <summary>
/// Reads one cmdlet page in platyPS markdown layout: optional front matter, "# Verb-Noun", then
/// "## SYNOPSIS", "## SYNTAX", "## DESCRIPTION", "## EXAMPLES", "## PARAMETERS", "## INPUTS",
/// "## OUTPUTS", "## NOTES", "## RELATED LINKS", with "###" entries inside.
/// </summary>
public static partial class HelpMarkdownParser
{
    private sealed class Heading(int level, string title)
    {
        public int Level { get; } = level;
        public string Title { get; } = title;
        public List<string> Lines { get; } = [];
        public List<Heading> Children { get; } = [];
        public List<MarkdownBlock> Blocks => MarkdownBlock.Parse(Lines);
        public List<string> Paragraphs => Blocks.Select(b => b.Text).Where(t => t.Length > 0).ToList();
    }

    public static CommandHelp Parse(string file, string markdown)
    {
        var problems = new List<string>();
        void Problem(string section, string message) => problems.Add($"{file}: {section}: {message}");

        var (title, sections) = Outline(markdown);
        var expected = Path.GetFileNameWithoutExtension(file);
        if (title is null || !CommandName().IsMatch(title))
        {
            Problem("# Verb-Noun", $"the page must start with a '# {expected}' heading (after any front matter).");
            throw new HelpFormatException(problems);
        }
        if (!title.Equals(expected, StringComparison.OrdinalIgnoreCase))
            Problem("# " + title, $"the heading names '{title}' but the file is named for '{expected}'; make them agree.");

        var help = new CommandHelp { Name = title, SourcePath = file };
        Heading? Section(string name) =>
            sections.FirstOrDefault(s => s.Title.Equals(name, StringComparison.OrdinalIgnoreCase));

        help.Synopsis.AddRange(Section("SYNOPSIS")?.Paragraphs ?? []);
        if (help.Synopsis.Count == 0)
            Problem("## SYNOPSIS", "missing or empty; write one sentence that says what the cmdlet does.");

        help.Description.AddRange(Section("DESCRIPTION")?.Paragraphs ?? []);
        if (help.Description.Count == 0)
            Problem("## DESCRIPTION", "missing or empty; describe what the cmdlet does, to what, and when to use it.");

        foreach (var set in Section("SYNTAX")?.Children ?? [])
        {
            var name = set.Title.Replace("(Default)", "", StringComparison.OrdinalIgnoreCase).Trim();
            if (name.Length > 0 && !name.Equals("__AllParameterSets", StringComparison.Ordinal)) help.ParameterSets.Add(name);
        }

        ReadExamples(Section("EXAMPLES"), help, Problem);
        ReadParameters(Section("PARAMETERS"), help, Problem);
        help.Inputs.AddRange(ReadTypes(Section("INPUTS")));
        help.Outputs.AddRange(ReadTypes(Section("OUTPUTS")));
        help.Notes.AddRange(Section("NOTES")?.Paragraphs ?? []);
        if (Section("RELATED LINKS") is { } links)
            foreach (Match m in Link().Matches(string.Join("\n", links.Lines)))
            {
                // A link to a sibling page means nothing in a console; Get-Help shows the name alone.
                var uri = m.Groups[2].Value.Trim();
                help.Links.Add(new LinkHelp(m.Groups[1].Value.Trim(), Uri.IsWellFormedUriString(uri, UriKind.Absolute) ? uri : ""));
            }

        // Sets named only in yaml blocks still need a syntax line.
        if (help.ParameterSets.Count > 0)
            foreach (var set in help.Parameters.SelectMany(p => p.Specs).SelectMany(s => s.Sets))
                if (!set.Equals("(All)", StringComparison.OrdinalIgnoreCase)
                    && !help.ParameterSets.Contains(set, StringComparer.OrdinalIgnoreCase))
                    help.ParameterSets.Add(set);

        if (problems.Count > 0) throw new HelpFormatException(problems);
        return help;
    }

    private static void ReadExamples(Heading? section, CommandHelp help, Action<string, string> problem)
    {
        foreach (var entry in section?.Children ?? [])
        {
            var example = new ExampleHelp { Title = entry.Title };
            var code = new List<string>();
            foreach (var block in entry.Blocks)
            {
                bool isCommand = block.IsCode && block.CodeLanguage is "" or "powershell" or "ps" or "pwsh" or "ps1";
                if (isCommand && example.Remarks.Count == 0) code.Add(block.Text);
                else if (code.Count == 0 && !block.IsCode) example.Introduction.Add(block.Text);
                else example.Remarks.Add(block.Text);
            }
            if (code.Count == 0)
            {
                problem("## EXAMPLES", $"'{entry.Title}' has no ```powershell code block; show the command.");
                continue;
            }
            example.Code = string.Join("\n\n", code);
            help.Examples.Add(example);
        }
        if (section is null || section.Children.Count == 0)
            problem("## EXAMPLES", "no example; add '### Example 1: <what it does>' with a ```powershell block and a sentence on what happens.");
    }

    private static void ReadParameters(Heading? section, CommandHelp help, Action<string, string> problem)
    {
        foreach (var entry in section?.Children ?? [])
        {
            // platyPS lists the common parameters under this heading; they are not ours to describe.
            if (!entry.Title.StartsWith('-')) continue;
            var parameter = new ParameterHelp { Name = entry.Title.TrimStart('-').Trim() };
            foreach (var block in entry.Blocks)
            {
                if (block.IsCode && block.CodeLanguage is "yaml" or "yml") parameter.Specs.Add(ReadSpec(block.Text));
                else if (!block.IsCode && block.Text.Length > 0) parameter.Description.Add(block.Text);
            }
            if (parameter.Description.Count == 0)
                problem("## PARAMETERS", $"-{parameter.Name} has no description; say what it sets and what its value means.");
            if (parameter.Specs.Count == 0)
                problem("## PARAMETERS", $"-{parameter.Name} has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline input, Accept wildcard characters).");
            help.Parameters.Add(parameter);
        }
    }

    private static ParameterSpec ReadSpec(string yaml)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in yaml.Split('\n'))
        {
            int colon = line.IndexOf(':');
            if (colon > 0) values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        string Get(string key, string fallback) =>
            values.TryGetValue(key, out var v) && v.Length > 0 ? v : fallback;

        var position = Get("Position", "Named");
        return new ParameterSpec
        {
            Type = Get("Type", "Object"),
            Sets = Get("Parameter Sets", "(All)").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            Aliases = Get("Aliases", "None").Equals("None", StringComparison.OrdinalIgnoreCase) ? "none" : Get("Aliases", "none"),
            Required = bool.TryParse(Get("Required", "False"), out var required) && required,
            Position = position.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : position,
            DefaultValue = Get("Default value", "None"),
            PipelineInput = Get("Accept pipeline input", "False"),
            Globbing = bool.TryParse(Get("Accept wildcard characters", "False"), out var globbing) && globbing,
        };
    }

    private static IEnumerable<TypeHelp> ReadTypes(Heading? section) =>
        (section?.Children ?? []).Select(t => new TypeHelp(t.Title, t.Paragraphs));

    /// <summary>The page title and its "##" sections, each holding its "###" entries; headings inside code fences are text.</summary>
    private static (string? Title, List<Heading> Sections) Outline(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n').ToList();
        if (lines.Count > 0 && lines[0].Trim() == "---")
        {
            int end = lines.FindIndex(1, l => l.Trim() == "---");
            if (end > 0) lines.RemoveRange(0, end + 1);
        }

        string? title = null;
        var sections = new List<Heading>();
        Heading? current = null;
        bool inFence = false;
        foreach (var line in lines)
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
                inFence = !inFence;
            var heading = inFence ? Match.Empty : HeadingLine().Match(line);
            if (!heading.Success)
            {
                current?.Lines.Add(line);
                continue;
            }
            int level = heading.Groups[1].Length;
            var text = heading.Groups[2].Value.Trim();
            if (level == 1)
            {
                title ??= text;
                current = null;
            }
            else if (level == 2)
            {
                current = new Heading(2, text);
                sections.Add(current);
            }
            else if (sections.Count > 0)
            {
                current = new Heading(3, text);
                sections[^1].Children.Add(current);
            }
        }
        return (title, sections);
    }

    [GeneratedRegex(@"^(#{1,3})\s+(.+?)(?:\s+#+)?\s*$")]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^[A-Za-z]+-[A-Za-z0-9]+$")]
    private static partial Regex CommandName();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]*)\)")]
    private static partial Regex Link();
}
