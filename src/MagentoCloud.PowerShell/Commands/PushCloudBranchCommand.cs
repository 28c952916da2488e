using System.Management.Automation;
using MagentoCloud.Engine.Environments;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Push, "CloudBranch", SupportsShouldProcess = true)]
[OutputType(typeof(CloudActivity))]
public sealed class PushCloudBranchCommand : CloudProjectCmdlet
{
    /// <summary>The local branch; defaults to the working copy's current branch.</summary>
    [Parameter(Position = 0)]
    public string? Branch { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Parent { get; set; } = EnvironmentService.Master;

    [Parameter]
    public EnvironmentType Type { get; set; } = EnvironmentType.Development;

    [Parameter]
    public SwitchParameter Activate { get; set; }

    /// <summary>Skip the deploy that follows the change.</summary>
    [Parameter]
    public SwitchParameter NoDeploy { get; set; }

    protected override void ProcessItem()
    {
        var service = Workspace.Environments;
        var branch = Branch ?? service.CurrentBranch();
        var target = Environment ?? branch;
        if (!ShouldProcess(target, $"Push local branch '{branch}'")) return;
        var activity = Run((o, ct) => service.PushAsync(branch, Environment, Parent, Type, Activate, o, ct));
        WriteObject(activity);
        if (!NoDeploy) DeployChange(activity.Environment ?? target, ActivityType.Push);
    }
}
