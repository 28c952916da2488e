using System.Xml.Linq;

namespace MagentoCloud.HelpBuilder;

/// <summary>Writes commands' help as one MAML file, the shape PowerShell's Get-Help reads for binary modules.</summary>
public static class MamlWriter
{
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Write(IEnumerable<CommandHelp> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems",
                new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                commands.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(CommandElement)));

    public static XElement CommandElement(CommandHelp help) =>
        new(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", help.Verb),
                new XElement(Command + "noun", help.Noun),
                Description(help.Synopsis)),
            Description(help.Description),
            new XElement(Command + "syntax", SyntaxItems(help)),
            new XElement(Command + "parameters", help.Parameters.Select(p => Parameter(p, p.Specs[0], withDescription: true))),
            new XElement(Command + "inputTypes", help.Inputs.Select(t => TypeElement("inputType", t))),
            new XElement(Command + "returnValues", help.Outputs.Select(t => TypeElement("returnValue", t))),
            new XElement(Maml + "alertSet",
                new XElement(Maml + "alert", Paras(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select(Example)),
            new XElement(Command + "relatedLinks", help.Links.Select(l =>
                new XElement(Maml + "navigationLink",
                    new XElement(Maml + "linkText", l.Text),
                    new XElement(Maml + "uri", l.Uri)))));

    private static IEnumerable<XElement> SyntaxItems(CommandHelp help)
    {
        // One parameter set (or none named): every parameter in one syntax line.
        IEnumerable<string?> sets = help.ParameterSets.Count > 0 ? help.ParameterSets : new string?[] { null };
        foreach (var set in sets)
        {
            var members = help.Parameters
                .Select(p => (Parameter: p, Spec: set is null ? p.Specs[0] : p.SpecFor(set)))
                .Where(m => m.Spec is not null)
                .Select((m, index) => (m.Parameter, Spec: m.Spec!, index))
                // Positional parameters first, by position, as PowerShell's own syntax lines show them.
                .OrderBy(m => int.TryParse(m.Spec.Position, out var at) ? at : int.MaxValue)
                .ThenBy(m => m.index);
            yield return new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", help.Name),
                members.Select(m => Parameter(m.Parameter, m.Spec, withDescription: false)));
        }
    }

    private static XElement Parameter(ParameterHelp parameter, ParameterSpec spec, bool withDescription) =>
        new(Command + "parameter",
            new XAttribute("required", Bool(spec.Required)),
            new XAttribute("variableLength", Bool(spec.Type.EndsWith("[]", StringComparison.Ordinal))),
            new XAttribute("globbing", Bool(spec.Globbing)),
            new XAttribute("pipelineInput", spec.PipelineInput),
            new XAttribute("position", spec.Position),
            new XAttribute("aliases", spec.Aliases),
            new XElement(Maml + "name", parameter.Name),
            withDescription ? Description(parameter.Description) : null,
            // A switch takes no value: Get-Help shows it as [-Name] in syntax, <SwitchParameter> in the list.
            spec.IsSwitch && !withDescription
                ? null
                : new XElement(Command + "parameterValue",
                    new XAttribute("required", Bool(!spec.IsSwitch)),
                    new XAttribute("variableLength", Bool(spec.Type.EndsWith("[]", StringComparison.Ordinal))),
                    spec.Type),
            new XElement(Dev + "type",
                new XElement(Maml + "name", spec.Type),
                new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", spec.DefaultValue));

    private static XElement TypeElement(string kind, TypeHelp type) =>
        new(Command + kind,
            new XElement(Dev + "type",
                new XElement(Maml + "name", type.Name),
                new XElement(Maml + "uri"),
                new XElement(Maml + "description")),
            Description(type.Description));

    private static XElement Example(ExampleHelp example, int index) =>
        new(Command + "example",
            new XElement(Maml + "title", $"-------------------------- {example.Title} --------------------------"),
            new XElement(Maml + "introduction", Paras(example.Introduction)),
            new XElement(Dev + "code", example.Code),
            new XElement(Dev + "remarks", Paras(example.Remarks)));

    private static XElement Description(IEnumerable<string> paragraphs) =>
        new(Maml + "description", Paras(paragraphs));

    private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) =>
        paragraphs.Select(p => new XElement(Maml + "para", p));

    private static string Bool(bool value) => value ? "true" : "false";
}
