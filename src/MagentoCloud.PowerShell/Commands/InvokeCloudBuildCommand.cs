using System.Management.Automation;
using MagentoCloud.Engine.Build;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsLifecycle.Invoke, "CloudBuild", SupportsShouldProcess = true)]
[OutputType(typeof(CloudSlug))]
public sealed class InvokeCloudBuildCommand : CloudProjectCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    [Parameter]
    public string? Commit { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessItem()
    {
        var target = Commit ?? Environment ?? "master";
        if (!ShouldProcess(target, "Build the slug")) return;
        var service = Workspace.Deployments;
        WriteObject(Run((o, ct) => service.BuildAsync(Environment, Commit, Force.IsPresent, o, ct)));
    }
}
