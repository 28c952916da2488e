using System.Xml.Linq;
using MagentoCloud.HelpBuilder;

namespace HelpBuilder.Tests;

public sealed class HelpFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("helpbuilder-").FullName;
    private static string Sample => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "Get-SampleThing.md"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Folder_of_pages_becomes_one_maml_file_and_other_pages_are_ignored()
    {
        var docs = Directory.CreateDirectory(Path.Combine(_root, "docs")).FullName;
        File.WriteAllText(Path.Combine(docs, "Get-SampleThing.md"), Sample);
        File.WriteAllText(Path.Combine(docs, "Get-OtherThing.md"), Sample.Replace("Get-SampleThing", "Get-OtherThing"));
        File.WriteAllText(Path.Combine(docs, "README.md"), "# Help pages\n");
        File.WriteAllText(Path.Combine(docs, "about_Things.md"), "# about_Things\n");
        var output = Path.Combine(_root, "out", "en-US", "MagentoCloud.PowerShell.dll-Help.xml");

        var commands = HelpFile.Build(docs, output);

        Assert.Equal(2, commands.Count);
        var names = XDocument.Load(output).Root!.Elements(MamlWriter.Command + "command")
            .Select(c => c.Element(MamlWriter.Command + "details")!.Element(MamlWriter.Command + "name")!.Value);
        Assert.Equal(["Get-OtherThing", "Get-SampleThing"], names);
    }

    [Fact]
    public void Any_invalid_page_fails_the_build_and_writes_nothing()
    {
        var docs = Directory.CreateDirectory(Path.Combine(_root, "docs")).FullName;
        File.WriteAllText(Path.Combine(docs, "Get-SampleThing.md"), Sample);
        File.WriteAllText(Path.Combine(docs, "Get-OtherThing.md"), "# Get-OtherThing\n\n## SYNOPSIS\nGets another thing.\n");
        var output = Path.Combine(_root, "out", "help.xml");

        var error = Assert.Throws<HelpFormatException>(() => HelpFile.Build(docs, output));

        Assert.Contains(error.Problems, p => p.Contains("Get-OtherThing.md: ## DESCRIPTION"));
        Assert.Contains(error.Problems, p => p.Contains("Get-OtherThing.md: ## EXAMPLES"));
        Assert.False(File.Exists(output));
    }
}
