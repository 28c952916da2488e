using System.Management.Automation;
using MagentoCloud.Engine.Environments;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Undo, "CloudDeploy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CloudActivity))]
public sealed class UndoCloudDeployCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter]
    [ArgumentCompleter(typeof(ReleaseIdCompleter))]
    public string? Release { get; set; }

    protected override void ProcessItem()
    {
        if (!ShouldProcess(Environment, $"Switch back to {(Release is null ? "the previous good release" : $"release {Release}")} (code only; the database is not rolled back)")) return;
        var service = Workspace.Deployments;
        WriteObject(Run((o, ct) => service.UndoAsync(Environment, Release, o, ct)));
    }
}
