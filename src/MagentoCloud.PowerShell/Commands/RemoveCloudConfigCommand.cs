using System.Management.Automation;
using MagentoCloud.Engine.Configuration;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Remove, "CloudConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CloudConfigSetting))]
public sealed class RemoveCloudConfigCommand : CloudConfigSettingCmdlet
{
    protected override void ProcessItem()
    {
        if (!ShouldProcess(SettingTarget, $"Remove '{Path}' from the database")) return;
        var service = ConfigurationService.ForWorkspace(Workspace);
        WriteObject(Run((o, ct) => service.RemoveAsync(Environment, Path, Scope, ScopeCode, o, ct)));
    }
}
