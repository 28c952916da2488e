using System.Management.Automation;
using MagentoCloud.Engine.Environments;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Set, "CloudEnvironment", SupportsShouldProcess = true)]
[OutputType(typeof(CloudEnvironment))]
public sealed class SetCloudEnvironmentCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter]
    public string? Title { get; set; }

    [Parameter]
    public EnvironmentType? Type { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Parent { get; set; }

    protected override void ProcessItem()
    {
        if (!ShouldProcess(Environment, "Update environment")) return;
        var service = Workspace.Environments;
        WriteObject(Run((o, ct) => service.UpdateAsync(Environment, Title, Type, Parent, o, ct)));
    }
}
