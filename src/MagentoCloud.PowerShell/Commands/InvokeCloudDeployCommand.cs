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

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Environment, "Build and deploy")) return;
        var service = Workspace.Deployments;
        var activity = Run((o, ct) => service.DeployAsync(Environment, Commit, o, ct));
        WriteObject(activity);
        if (activity.Result == ActivityResult.Failure)
        {
            var summary = activity.Log.TrimEnd('\n').Split('\n').LastOrDefault() ?? "The deploy failed.";
            WriteCloudError(new CloudException(CloudErrorId.DeployFailed,
                $"{summary} Details: Get-CloudActivity -Environment {Environment} -Last 1 | Select-Object -ExpandProperty Log", Environment));
        }
    }
}
