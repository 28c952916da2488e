using System.Management.Automation;
using MagentoCloud.Engine.Configuration;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Set, "CloudConfig", SupportsShouldProcess = true)]
[OutputType(typeof(CloudConfigSetting))]
public sealed class SetCloudConfigCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string Value { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public ConfigScope Scope { get; set; } = ConfigScope.Default;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ScopeCode { get; set; }

    protected override void ProcessRecord()
    {
        // The value stays out of the confirmation text: the setting may be sensitive.
        if (!ShouldProcess($"{Environment} ({Scope}{(ScopeCode is null ? "" : " " + ScopeCode)})", $"Set '{Path}'")) return;
        var service = ConfigurationService.ForWorkspace(Workspace);
        WriteObject(Run((o, ct) => service.SetAsync(Environment, Path, Value, Scope, ScopeCode, o, ct)));
    }
}
