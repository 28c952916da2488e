using System.Management.Automation;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "CloudProject")]
[OutputType(typeof(CloudProject))]
public sealed class GetCloudProjectCommand : CloudProjectCmdlet
{
    protected override void ProcessItem() => WriteObject(Run((_, _) => Task.FromResult(Workspace.Describe())));
}
