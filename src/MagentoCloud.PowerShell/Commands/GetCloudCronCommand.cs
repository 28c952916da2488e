using System.Management.Automation;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "CloudCron")]
[OutputType(typeof(CloudCronStatus))]
public sealed class GetCloudCronCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    protected override void ProcessItem()
    {
        var service = Workspace.Deployments;
        foreach (var cron in Run((_, ct) => service.GetCronsAsync(Environment, ct)))
            WriteObject(cron);
    }
}
