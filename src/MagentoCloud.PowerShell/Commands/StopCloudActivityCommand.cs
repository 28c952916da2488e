using System.Management.Automation;
using MagentoCloud.Engine;
using MagentoCloud.Engine.Environments;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsLifecycle.Stop, "CloudActivity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CloudActivity))]
public sealed class StopCloudActivityCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ActivityIdCompleter))]
    public string Id { get; set; } = "";

    protected override void ProcessItem()
    {
        if (!ShouldProcess(Id, "End the activity as cancelled and free its environments (its process must be gone)")) return;
        // One state update, quick: on the pipeline thread.
        WriteObject(Workspace.Activities.StopAsync(Id, StopToken).GetAwaiter().GetResult());
    }
}
