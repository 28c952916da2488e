using System.Management.Automation;
using MagentoCloud.Engine;
using MagentoCloud.Engine.Environments;
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

    protected override void ProcessItem()
    {
        var service = Workspace.Variables;
        WriteFound(Run((_, _) => Task.FromResult(service.Get(Name, Environment, Level))), Name, () =>
            new CloudException(CloudErrorId.VariableNotFound,
                $"There is no variable '{Name}'{(Environment is null ? "" : $" for environment '{Environment}'")}. List them with Get-CloudVariable.", Name));
    }
}
