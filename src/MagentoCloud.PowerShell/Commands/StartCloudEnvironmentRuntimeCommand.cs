using System.Management.Automation;
using MagentoCloud.Engine.Runtime;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsLifecycle.Start, "CloudEnvironmentRuntime", SupportsShouldProcess = true)]
[OutputType(typeof(CloudHostRuntime))]
public sealed class StartCloudEnvironmentRuntimeCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    protected override void ProcessItem()
    {
        if (!ShouldProcess(Environment, "Start what the live release needs and is not running on every host (nginx, PHP-FPM, workers, crons)")) return;
        var service = Workspace.Deployments;
        WriteObject(Run((o, ct) => service.StartRuntimeAsync(Environment, o, ct)), enumerateCollection: true);
    }
}
