using System.Management.Automation;
using MagentoCloud.Engine.Environments;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "CloudActivity", DefaultParameterSetName = "List")]
[OutputType(typeof(CloudActivity))]
public sealed class GetCloudActivityCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, ParameterSetName = "Id")]
    [ArgumentCompleter(typeof(ActivityIdCompleter))]
    public string Id { get; set; } = "";

    [Parameter(ParameterSetName = "List", Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    [Parameter(ParameterSetName = "List")]
    [SupportsWildcards]
    public string? Type { get; set; }

    [Parameter(ParameterSetName = "List")]
    public ActivityState? State { get; set; }

    [Parameter(ParameterSetName = "List")]
    [ValidateRange(1, int.MaxValue)]
    public int Last { get; set; } = 10;

    [Parameter(ParameterSetName = "List")]
    public SwitchParameter All { get; set; }

    protected override void ProcessItem()
    {
        var service = Workspace.Activities;
        if (ParameterSetName == "Id")
            WriteObject(Run((_, _) => Task.FromResult(service.Get(Id))));
        else
            WriteObject(Run((_, _) => Task.FromResult(service.List(Environment, Type, State, All ? null : Last))), enumerateCollection: true);
    }
}
