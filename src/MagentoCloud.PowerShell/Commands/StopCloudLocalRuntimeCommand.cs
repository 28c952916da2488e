using System.Management.Automation;
using MagentoCloud.Engine.Runtime;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsLifecycle.Stop, "CloudLocalRuntime", SupportsShouldProcess = true)]
[OutputType(typeof(CloudLocalService))]
public sealed class StopCloudLocalRuntimeCommand : CloudProjectCmdlet
{
    protected override void ProcessItem()
    {
        if (!ShouldProcess(Workspace.Root, "Stop the local MariaDB and every environment's nginx and PHP-FPM")) return;
        var runtime = Workspace.LocalRuntime;
        WriteObject(Run((o, ct) => runtime.StopAsync(o, ct)), enumerateCollection: true);
    }
}
