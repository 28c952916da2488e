using System.Management.Automation;
using MagentoCloud.Engine.Services;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "CloudService")]
[OutputType(typeof(CloudService))]
public sealed class GetCloudServiceCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    protected override void ProcessItem()
    {
        var services = Run((_, _) => Task.FromResult(new EnvironmentServices(Workspace.Root).List(Workspace.Environments.Get(Environment))));
        foreach (var service in services)
            WriteObject(service);
    }
}
