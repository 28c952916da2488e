namespace MagentoCloud.HelpBuilder;

public sealed class ExampleHelp
{
    public required string Title { get; init; }
    public List<string> Introduction { get; } = [];
    public string Code { get; set; } = "";
    public List<string> Remarks { get; } = [];
}
