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

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Id, "End the activity as cancelled and free its environments (its process must be gone)")) return;
        try
        {
            // One state update, quick: on the pipeline thread; a refused activity does not stop the next one piped in.
            WriteObject(Workspace.Activities.StopAsync(Id, StopToken).GetAwaiter().GetResult());
        }
        catch (CloudException e)
        {
            WriteCloudError(e);
        }
    }
}
