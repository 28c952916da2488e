using System.Management.Automation;
using MagentoCloud.Engine.Environments;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.New, "CloudBranch", SupportsShouldProcess = true)]
[OutputType(typeof(CloudEnvironment), typeof(CloudActivity))]
public sealed class NewCloudBranchCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter(Position = 1)]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Parent { get; set; } = EnvironmentService.Master;

    [Parameter]
    public string? Title { get; set; }

    [Parameter]
    public SwitchParameter Inactive { get; set; }

    /// <summary>Skip the deploy that follows the change.</summary>
    [Parameter]
    public SwitchParameter NoDeploy { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Environment, $"Create environment from '{Parent}'")) return;
        var service = Workspace.Environments;
        var created = Run((o, ct) => service.BranchAsync(Environment, Parent, Title, Inactive, o, ct));
        WriteObject(created);
        if (!NoDeploy && !Inactive) DeployChange(created.Name, ActivityType.Branch);
    }
}
