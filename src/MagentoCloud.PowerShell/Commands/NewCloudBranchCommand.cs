using System.Management.Automation;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Environments;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.New, "CloudBranch", SupportsShouldProcess = true)]
[OutputType(typeof(CloudEnvironment))]
public sealed class NewCloudBranchCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    public string Environment { get; set; } = "";

    [Parameter(Position = 1)]
    public string Parent { get; set; } = EnvironmentService.Master;

    [Parameter]
    public string? Title { get; set; }

    [Parameter]
    public SwitchParameter Inactive { get; set; }

    [Parameter]
    public SwitchParameter NoCloneData { get; set; }

    protected override void ProcessRecord()
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
    }
}
