using System.Management.Automation;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "CloudVariable")]
[OutputType(typeof(CloudVariable))]
public sealed class GetCloudVariableCommand : CloudProjectCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    public string? Name { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    [Parameter]
    public VariableLevel? Level { get; set; }

    protected override void ProcessRecord()
    {
        var service = Workspace.Variables;
        WriteObject(Run((_, _) => Task.FromResult(service.Get(Name, Environment, Level))), enumerateCollection: true);
    }
}
