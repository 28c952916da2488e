using System.Management.Automation;
using MagentoCloud.Engine.Environments;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Remove, "CloudVariable", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CloudVariable))]
public sealed class RemoveCloudVariableCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public string Name { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public VariableLevel? Level { get; set; }

    protected override void ProcessItem()
    {
        if (!ShouldProcess(Environment is null ? "project" : Environment, $"Remove variable '{Name}'")) return;
        var service = Workspace.Variables;
        WriteObject(Run((_, ct) => service.RemoveAsync(Name, Environment, Level, ct)));
    }
}
