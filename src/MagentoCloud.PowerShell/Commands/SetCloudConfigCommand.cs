using System.Management.Automation;
using MagentoCloud.Engine.Configuration;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Set, "CloudConfig", SupportsShouldProcess = true)]
[OutputType(typeof(CloudConfigSetting))]
public sealed class SetCloudConfigCommand : CloudConfigSettingCmdlet
{
    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string Value { get; set; } = "";

    protected override void ProcessItem()
    {
        // The value stays out of the confirmation text: the setting may be sensitive.
        if (!ShouldProcess(SettingTarget, $"Set '{Path}'")) return;
        var service = ConfigurationService.ForWorkspace(Workspace);
        WriteObject(Run((o, ct) => service.SetAsync(Environment, Path, Value, Scope, ScopeCode, o, ct)));
    }
}
