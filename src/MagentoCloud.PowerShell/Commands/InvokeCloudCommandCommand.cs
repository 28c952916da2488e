using System.Management.Automation;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsLifecycle.Invoke, "CloudCommand", SupportsShouldProcess = true)]
[OutputType(typeof(CloudCommandResult))]
public sealed class InvokeCloudCommandCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Command { get; set; } = "";

    [Parameter]
    public SwitchParameter AllHosts { get; set; }

    protected override void ProcessItem()
    {
        if (!ShouldProcess(Environment, $"Run '{Command}' in the live release{(AllHosts ? " on every host" : "")}")) return;
        var service = Workspace.Deployments;
        foreach (var result in Run((o, ct) => service.InvokeCommandAsync(Environment, Command, AllHosts.IsPresent, o, ct)))
            WriteObject(result);
    }
}
