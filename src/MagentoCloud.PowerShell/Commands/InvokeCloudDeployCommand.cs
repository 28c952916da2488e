using System.Management.Automation;
using MagentoCloud.Engine;
using MagentoCloud.Engine.Environments;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsLifecycle.Invoke, "CloudDeploy", SupportsShouldProcess = true)]
[OutputType(typeof(CloudActivity))]
public sealed class InvokeCloudDeployCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter]
    public string? Commit { get; set; }

    protected override void ProcessItem()
    {
        if (!ShouldProcess(Environment, "Build and deploy")) return;
        var service = Workspace.Deployments;
        WriteDeploy(Run((o, ct) => service.DeployAsync(Environment, Commit, o, ct)));
    }
}
