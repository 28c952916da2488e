using System.Management.Automation;
using MagentoCloud.Engine.Environments;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Remove, "CloudEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CloudActivity))]
public sealed class RemoveCloudEnvironmentCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter]
    public SwitchParameter DeleteBranch { get; set; }

    protected override void ProcessItem()
    {
        var action = DeleteBranch ? "Delete environment and its branch" : "Delete environment (an active one is deactivated first)";
        if (!ShouldProcess(Environment, action)) return;
        var service = Workspace.Environments;
        WriteObject(Run((o, ct) => service.DeleteAsync(Environment, DeleteBranch, o, ct)));
    }
}
