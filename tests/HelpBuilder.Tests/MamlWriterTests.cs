using System.Xml.Linq;
using MagentoCloud.HelpBuilder;

namespace HelpBuilder.Tests;

public class MamlWriterTests
{
    private static readonly XNamespace Maml = MamlWriter.Maml, Command = MamlWriter.Command, Dev = MamlWriter.Dev;

    private static XElement SampleCommand()
    {
        var markdown = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "Get-SampleThing.md"));
        var document = MamlWriter.Write([HelpMarkdownParser.Parse("Get-SampleThing.md", markdown)]);
        Assert.Equal(MamlWriter.Msh + "helpItems", document.Root!.Name);
        Assert.Equal("maml", (string?)document.Root.Attribute("schema"));
        return Assert.Single(document.Root.Elements(Command + "command"));
    }

    private static string Paras(XElement? description) =>
        string.Join("|", description!.Elements(Maml + "para").Select(p => p.Value));

    [Fact]
    public void Details_hold_name_verb_noun_and_synopsis_then_the_description()
    {
        var command = SampleCommand();
        var details = command.Element(Command + "details")!;
        Assert.Equal("Get-SampleThing", details.Element(Command + "name")!.Value);
        Assert.Equal("Get", details.Element(Command + "verb")!.Value);
        Assert.Equal("SampleThing", details.Element(Command + "noun")!.Value);
        Assert.Equal("Gets a sample thing by name or by id.", Paras(details.Element(Maml + "description")));
        Assert.StartsWith("The Get-SampleThing cmdlet", Paras(command.Element(Maml + "description")));
    }

    [Fact]
    public void One_syntax_item_per_parameter_set_with_shared_parameters_in_each()
    {
        var items = SampleCommand().Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        Assert.Equal(2, items.Count);
        string[] Names(XElement item) => item.Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value).ToArray();
        Assert.Equal(["Name", "Force", "Tag", "WhatIf", "Confirm"], Names(items[0]));
        Assert.Equal(["Id", "Force", "Tag", "WhatIf", "Confirm"], Names(items[1]));
        var force = items[0].Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Force");
        Assert.Null(force.Element(Command + "parameterValue"));
    }

    [Fact]
    public void Parameters_carry_attributes_description_value_and_type()
    {
        var parameters = SampleCommand().Element(Command + "parameters")!.Elements(Command + "parameter").ToList();
        Assert.Equal(6, parameters.Count);
        var name = parameters[0];
        Assert.Equal("true", (string?)name.Attribute("required"));
        Assert.Equal("0", (string?)name.Attribute("position"));
        Assert.Equal("True (ByPropertyName)", (string?)name.Attribute("pipelineInput"));
        Assert.Equal("false", (string?)name.Attribute("globbing"));
        Assert.Equal("Environment", (string?)name.Attribute("aliases"));
        Assert.Equal("Name", name.Element(Maml + "name")!.Value);
        Assert.Equal("The name of the thing to get.", Paras(name.Element(Maml + "description")));
        Assert.Equal("String", name.Element(Command + "parameterValue")!.Value);
        Assert.Equal("String", name.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        var tag = parameters.Single(p => p.Element(Maml + "name")!.Value == "Tag");
        Assert.Equal("true", (string?)tag.Attribute("globbing"));
        Assert.Equal("true", (string?)tag.Attribute("variableLength"));
        var whatIf = parameters.Single(p => p.Element(Maml + "name")!.Value == "WhatIf");
        Assert.Equal("false", (string?)whatIf.Element(Command + "parameterValue")!.Attribute("required"));
    }

    [Fact]
    public void Inputs_outputs_notes_examples_and_links_are_written()
    {
        var command = SampleCommand();
        var input = command.Element(Command + "inputTypes")!.Element(Command + "inputType")!;
        Assert.Equal("System.String", input.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal("You can pipe an object with a Name property to this cmdlet.", Paras(input.Element(Maml + "description")));
        var output = command.Element(Command + "returnValues")!.Element(Command + "returnValue")!;
        Assert.Equal("The thing, as text.", Paras(output.Element(Maml + "description")));
        Assert.Equal("Things are read, never changed.", Paras(command.Element(Maml + "alertSet")!.Element(Maml + "alert")));

        var examples = command.Element(Command + "examples")!.Elements(Command + "example").ToList();
        Assert.Equal(2, examples.Count);
        Assert.Contains("Example 1: Get a thing by name", examples[0].Element(Maml + "title")!.Value);
        Assert.Equal("Get-SampleThing -Name alpha", examples[0].Element(Dev + "code")!.Value);
        Assert.Equal("This command gets the thing named alpha.", Paras(examples[0].Element(Dev + "remarks")));

        var links = command.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink").ToList();
        Assert.Equal(["Set-SampleThing", "About things"], links.Select(l => l.Element(Maml + "linkText")!.Value));
        Assert.Equal("https://example.org/things", links[1].Element(Maml + "uri")!.Value);
    }
}
