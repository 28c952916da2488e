using System.Management.Automation;
using MagentoCloud.Engine.Runtime;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsLifecycle.Start, "CloudLocalRuntime", SupportsShouldProcess = true)]
[OutputType(typeof(CloudLocalService))]
public sealed class StartCloudLocalRuntimeCommand : CloudProjectCmdlet
{
    protected override void ProcessItem()
    {
        if (!ShouldProcess(Workspace.Root, "Start the local MariaDB and every active environment's nginx and PHP-FPM")) return;
        var runtime = Workspace.LocalRuntime;
        WriteObject(Run((o, ct) => runtime.StartAsync(o, ct)), enumerateCollection: true);
    }
}
