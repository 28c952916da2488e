using System.Management.Automation;
using MagentoCloud.Engine.Environments;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsLifecycle.Enable, "CloudEnvironment", SupportsShouldProcess = true)]
[OutputType(typeof(CloudEnvironment))]
public sealed class EnableCloudEnvironmentCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    protected override void ProcessItem()
    {
        if (!ShouldProcess(Environment, "Activate environment")) return;
        var service = Workspace.Environments;
        WriteObject(Run((o, ct) => service.ActivateAsync(Environment, o, ct)));
    }
}
