using MagentoCloud.HelpBuilder;

namespace HelpBuilder.Tests;

public class HelpMarkdownParserTests
{
    private static string Sample => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "Get-SampleThing.md"));

    private static CommandHelp ParseSample() => HelpMarkdownParser.Parse("Get-SampleThing.md", Sample);

    private static HelpFormatException Rejected(string markdown) =>
        Assert.Throws<HelpFormatException>(() => HelpMarkdownParser.Parse("Get-SampleThing.md", markdown));

    /// <summary>The sample with one "## NAME" section's body replaced (or the section removed).</summary>
    private static string WithSection(string name, string? body)
    {
        var start = Sample.IndexOf($"\n## {name}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, name);
        var end = Sample.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return Sample[..start] + (body is null ? "" : $"\n## {name}\n{body}\n") + Sample[end..];
    }

    [Fact]
    public void Sample_page_yields_name_synopsis_and_description_paragraphs()
    {
        var help = ParseSample();
        Assert.Equal("Get-SampleThing", help.Name);
        Assert.Equal(("Get", "SampleThing"), (help.Verb, help.Noun));
        Assert.Equal(["Gets a sample thing by name or by id."], help.Synopsis);
        Assert.Equal(2, help.Description.Count);
        Assert.StartsWith("The Get-SampleThing cmdlet gets a sample thing. It reads the thing", help.Description[0]);
    }

    [Fact]
    public void Parameters_carry_their_yaml_attributes_and_common_parameters_are_left_out()
    {
        var help = ParseSample();
        Assert.Equal(["Name", "Id", "Force", "Tag", "WhatIf", "Confirm"], help.Parameters.Select(p => p.Name));
        var name = help.Parameters[0].Specs.Single();
        Assert.Equal("String", name.Type);
        Assert.Equal(["ByName"], name.Sets);
        Assert.True(name.Required);
        Assert.Equal("0", name.Position);
        Assert.Equal("Environment", name.Aliases);
        Assert.Equal("True (ByPropertyName)", name.PipelineInput);
        var tag = help.Parameters.Single(p => p.Name == "Tag").Specs.Single();
        Assert.True(tag.Globbing);
        Assert.Equal("named", tag.Position);
        Assert.Equal("none", tag.Aliases);
        Assert.True(help.Parameters.Single(p => p.Name == "Force").Specs.Single().IsSwitch);
    }

    [Fact]
    public void Examples_split_into_title_code_and_remarks_with_output_kept_in_remarks()
    {
        var help = ParseSample();
        Assert.Equal(2, help.Examples.Count);
        Assert.Equal("Example 1: Get a thing by name", help.Examples[0].Title);
        Assert.Equal("Get-SampleThing -Name alpha", help.Examples[0].Code);
        Assert.Equal(["This command gets the thing named alpha."], help.Examples[0].Remarks);
        Assert.Equal(["alpha7", "This command gets thing 7, even when it is locked."], help.Examples[1].Remarks);
    }

    [Fact]
    public void Syntax_sets_inputs_outputs_notes_and_links_are_read()
    {
        var help = ParseSample();
        Assert.Equal(["ByName", "ById"], help.ParameterSets);
        Assert.Equal("System.String", help.Inputs.Single().Name);
        Assert.Equal(["The thing, as text."], help.Outputs.Single().Description);
        Assert.Equal(["Things are read, never changed."], help.Notes);
        Assert.Equal([new LinkHelp("Set-SampleThing", ""), new LinkHelp("About things", "https://example.org/things")], help.Links);
    }

    [Fact]
    public void Headings_inside_code_blocks_are_text_not_sections()
    {
        var markdown = WithSection("DESCRIPTION", "Reads things.\n\n```\n## NOTES\n# not a title\n```");
        var help = HelpMarkdownParser.Parse("Get-SampleThing.md", markdown);
        Assert.Contains("## NOTES\n# not a title", help.Description[1]);
        Assert.Equal(["Things are read, never changed."], help.Notes);
    }

    [Theory]
    [InlineData("SYNOPSIS")]
    [InlineData("DESCRIPTION")]
    public void Page_without_required_section_is_rejected_naming_file_and_section(string section)
    {
        foreach (var markdown in new[] { WithSection(section, null), WithSection(section, "") })
        {
            var error = Rejected(markdown);
            var problem = Assert.Single(error.Problems);
            Assert.StartsWith($"Get-SampleThing.md: ## {section}: missing or empty", problem);
            Assert.Contains(problem, error.Message);
        }
    }

    [Fact]
    public void Page_without_examples_is_rejected()
    {
        var problem = Assert.Single(Rejected(WithSection("EXAMPLES", "")).Problems);
        Assert.StartsWith("Get-SampleThing.md: ## EXAMPLES: no example", problem);
    }

    [Fact]
    public void Example_without_code_block_is_rejected_naming_the_example()
    {
        var problem = Assert.Single(Rejected(WithSection("EXAMPLES", "### Example 1: Talk only\nJust words.")).Problems);
        Assert.Equal("Get-SampleThing.md: ## EXAMPLES: 'Example 1: Talk only' has no ```powershell code block; show the command.", problem);
    }

    [Fact]
    public void Parameter_without_description_is_rejected_naming_the_parameter()
    {
        var markdown = Sample.Replace("Prompts you for confirmation before running the cmdlet.\n", "");
        var problem = Assert.Single(Rejected(markdown).Problems);
        Assert.StartsWith("Get-SampleThing.md: ## PARAMETERS: -Confirm has no description", problem);
    }

    [Fact]
    public void Every_problem_of_a_page_is_reported_at_once()
    {
        var markdown = WithSection("SYNOPSIS", "").Replace("The numeric id of the thing.\n", "");
        Assert.Equal(2, Rejected(markdown).Problems.Count);
    }

    [Fact]
    public void Heading_that_disagrees_with_file_name_is_rejected()
    {
        var problem = Assert.Single(Rejected(Sample.Replace("# Get-SampleThing\n", "# Get-OtherThing\n")).Problems);
        Assert.Contains("file is named for 'Get-SampleThing'", problem);
    }

    [Fact]
    public void Page_without_title_is_rejected()
    {
        var problem = Assert.Single(Rejected("## SYNOPSIS\nNo title.\n").Problems);
        Assert.Contains("'# Get-SampleThing' heading", problem);
    }
}
