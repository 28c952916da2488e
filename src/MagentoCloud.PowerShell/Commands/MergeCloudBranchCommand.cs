using System.Management.Automation;
using MagentoCloud.Engine.Environments;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsData.Merge, "CloudBranch", SupportsShouldProcess = true)]
[OutputType(typeof(CloudActivity))]
public sealed class MergeCloudBranchCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    /// <summary>Skip the deploy that follows the change.</summary>
    [Parameter]
    public SwitchParameter NoDeploy { get; set; }

    protected override void ProcessItem()
    {
        if (!ShouldProcess(Environment, "Merge into its parent")) return;
        var service = Workspace.Environments;
        WriteObject(Run((o, ct) => service.MergeAsync(Environment, o, ct)));
        if (!NoDeploy && service.Get(Environment).Parent is { } parent) DeployChange(parent, ActivityType.Merge);
    }
}
