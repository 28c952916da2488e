using System.Management.Automation;
using MagentoCloud.Engine.Data;
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

    [Parameter]
    public SwitchParameter NoCloneData { get; set; }

    protected override void ProcessItem()
    {
        if (!ShouldProcess(Environment, $"Create environment from '{Parent}'")) return;
        var service = Workspace.Environments;
        var environment = Run((o, ct) => service.BranchAsync(Environment, Parent, Title, Inactive, o, ct));
        if (!Inactive && !NoCloneData)
        {
            // The new environment starts with its parent's data, as on Magento Cloud.
            var copy = Run((o, ct) => new DatabaseCopyService(Workspace).CloneFromParentAsync(environment.Name, o, ct));
            foreach (var note in copy.Notes) WriteVerbose(note);
        }
        WriteObject(environment);
        if (!NoDeploy && !Inactive) DeployChange(environment.Name, ActivityType.Branch);
    }
}
