using System.Management.Automation;
using MagentoCloud.Engine.Environments;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Set, "CloudVariable", SupportsShouldProcess = true)]
[OutputType(typeof(CloudVariable))]
public sealed class SetCloudVariableCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public string Name { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1)]
    [AllowEmptyString]
    public string Value { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    [Parameter]
    public VariableLevel? Level { get; set; }

    [Parameter]
    public SwitchParameter Sensitive { get; set; }

    [Parameter]
    public SwitchParameter Json { get; set; }

    /// <summary>Environment level: children inherit it (the default); -Inheritable:$false stops that.</summary>
    [Parameter]
    public SwitchParameter Inheritable { get; set; }

    [Parameter]
    public SwitchParameter VisibleBuild { get; set; }

    [Parameter]
    public SwitchParameter VisibleRuntime { get; set; }

    protected override void ProcessItem()
    {
        // Value is deliberately left out of the confirmation text: it may be a secret.
        if (!ShouldProcess(Environment is null ? "project" : Environment, $"Set variable '{Name}'")) return;
        var settings = new VariableSettings
        {
            Sensitive = Flag(nameof(Sensitive), Sensitive),
            Json = Flag(nameof(Json), Json),
            Inheritable = Flag(nameof(Inheritable), Inheritable),
            VisibleBuild = Flag(nameof(VisibleBuild), VisibleBuild),
            VisibleRuntime = Flag(nameof(VisibleRuntime), VisibleRuntime),
        };
        var service = Workspace.Variables;
        WriteObject(Run((_, ct) => service.SetAsync(Name, Value, Environment, Level, settings, ct)));
    }

    /// <summary>A switch not given keeps the variable's current flag.</summary>
    private bool? Flag(string name, SwitchParameter value) => MyInvocation.BoundParameters.ContainsKey(name) ? value.IsPresent : null;
}
