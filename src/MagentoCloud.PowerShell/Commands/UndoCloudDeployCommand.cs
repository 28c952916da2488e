using System.Management.Automation;
using MagentoCloud.Engine.Environments;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Undo, "CloudDeploy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CloudActivity))]
public sealed class UndoCloudDeployCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    public string Environment { get; set; } = "";

    [Parameter]
    public string? Release { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Environment, $"Switch back to {(Release is null ? "the previous good release" : $"release {Release}")} (code only; the database is not rolled back)")) return;
        var service = Workspace.Deployments;
        WriteObject(Run((o, ct) => service.UndoAsync(Environment, Release, o, ct)));
    }
}
