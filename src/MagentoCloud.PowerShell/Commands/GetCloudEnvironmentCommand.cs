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

    /// <summary>Reads on its hosts whether each serves the environment (Serving); slower, hence asked for.</summary>
    [Parameter]
    public SwitchParameter IncludeRuntime { get; set; }

    protected override void ProcessItem()
    {
        var service = Workspace.Environments;
        if (Environment is not null && !WildcardPattern.ContainsWildcardCharacters(Environment))
        {
            Write(Run((_, _) => Task.FromResult(service.Get(Environment))));
            return;
        }
        foreach (var environment in Run((_, _) => Task.FromResult(service.List(Environment, Type, Status)))) Write(environment);
    }

    private void Write(CloudEnvironment environment)
    {
        if (IncludeRuntime)
        {
            var deployments = Workspace.Deployments;
            environment.Serving = Run((_, ct) => deployments.ServingAsync(environment.Name, ct));
        }
        WriteObject(environment);
    }
}
