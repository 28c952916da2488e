using System.Management.Automation;
using MagentoCloud.Engine.Runtime;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsLifecycle.Stop, "CloudEnvironmentRuntime", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CloudHostRuntime))]
public sealed class StopCloudEnvironmentRuntimeCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    /// <summary>Stops without asking.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessItem()
    {
        // -Force skips the question, never -WhatIf.
        if (!(Force && !WhatIfRequested) && !ShouldProcess(Environment, "Stop the environment's nginx, PHP-FPM and crons on every host (its store stops answering)")) return;
        var service = Workspace.Deployments;
        WriteObject(Run((o, ct) => service.StopRuntimeAsync(Environment, o, ct)), enumerateCollection: true);
    }
}
