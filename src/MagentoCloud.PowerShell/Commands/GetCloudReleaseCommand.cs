using System.Management.Automation;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "CloudRelease")]
[OutputType(typeof(CloudRelease))]
public sealed class GetCloudReleaseCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    protected override void ProcessItem()
    {
        var service = Workspace.Deployments;
        foreach (var release in Run((_, ct) => service.GetReleasesAsync(Environment, ct)))
            WriteObject(release);
    }
}
