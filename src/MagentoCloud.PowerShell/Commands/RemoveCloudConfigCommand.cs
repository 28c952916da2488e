using System.Management.Automation;
using MagentoCloud.Engine.Configuration;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Remove, "CloudConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CloudConfigSetting))]
public sealed class RemoveCloudConfigCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Path { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public ConfigScope Scope { get; set; } = ConfigScope.Default;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? ScopeCode { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess($"{Environment} ({Scope}{(ScopeCode is null ? "" : " " + ScopeCode)})", $"Remove '{Path}' from the database")) return;
        var service = ConfigurationService.ForWorkspace(Workspace);
        WriteObject(Run((o, ct) => service.RemoveAsync(Environment, Path, Scope, ScopeCode, o, ct)));
    }
}
