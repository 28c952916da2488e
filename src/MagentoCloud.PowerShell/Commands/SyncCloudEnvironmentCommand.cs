using System.Management.Automation;
using MagentoCloud.Engine;
using MagentoCloud.Engine.Environments;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsData.Sync, "CloudEnvironment", SupportsShouldProcess = true)]
[OutputType(typeof(CloudActivity))]
public sealed class SyncCloudEnvironmentCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter]
    public SwitchParameter Code { get; set; }

    [Parameter]
    public SwitchParameter Rebase { get; set; }

    /// <summary>Skip the deploy that follows the change.</summary>
    [Parameter]
    public SwitchParameter NoDeploy { get; set; }

    protected override void ProcessRecord()
    {
        if (!Code)
        {
            // Data synchronization (database, files) belongs to the data commands; code is what this does today.
            ThrowTerminatingError(ToErrorRecord(new CloudException(CloudErrorId.InvalidArgument,
                "Say what to synchronize: -Code brings the parent's code into this environment. " +
                "For databases and files use Copy-CloudDatabase.", Environment)));
        }
        if (!ShouldProcess(Environment, Rebase ? "Rebase onto its parent's code" : "Merge its parent's code")) return;
        var service = Workspace.Environments;
        var activity = Run((o, ct) => service.SyncCodeAsync(Environment, Rebase, o, ct));
        WriteObject(activity);
        if (!NoDeploy) DeployChange(activity.Environment ?? Environment, ActivityType.Synchronize);
    }
}
