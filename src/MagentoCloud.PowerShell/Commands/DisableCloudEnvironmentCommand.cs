using System.Management.Automation;
using MagentoCloud.Engine.Environments;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsLifecycle.Disable, "CloudEnvironment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CloudEnvironment))]
public sealed class DisableCloudEnvironmentCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    protected override void ProcessItem()
    {
        if (!ShouldProcess(Environment, "Deactivate environment (its branch stays)")) return;
        var service = Workspace.Environments;
        WriteObject(Run((o, ct) => service.DeactivateAsync(Environment, o, ct)));
    }
}
