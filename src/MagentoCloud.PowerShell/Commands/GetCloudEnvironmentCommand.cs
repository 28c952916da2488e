using System.Management.Automation;
using MagentoCloud.Engine.Environments;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "CloudEnvironment")]
[OutputType(typeof(CloudEnvironment))]
public sealed class GetCloudEnvironmentCommand : CloudProjectCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    [Parameter]
    public EnvironmentType? Type { get; set; }

    [Parameter]
    public EnvironmentStatus? Status { get; set; }

    protected override void ProcessItem()
    {
        var service = Workspace.Environments;
        if (Environment is not null && !WildcardPattern.ContainsWildcardCharacters(Environment))
        {
            WriteObject(Run((_, _) => Task.FromResult(service.Get(Environment))));
            return;
        }
        WriteObject(Run((_, _) => Task.FromResult(service.List(Environment, Type, Status))), enumerateCollection: true);
    }
}
