using System.Management.Automation;
using MagentoCloud.Engine.Environments;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsSecurity.Protect, "CloudVariable", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CloudVariableProtection))]
public sealed class ProtectCloudVariableCommand : CloudProjectCmdlet
{
    /// <summary>Encrypt with a new key (the old one is deleted here and opens nothing afterwards).</summary>
    [Parameter]
    public SwitchParameter NewKey { get; set; }

    protected override void ProcessRecord()
    {
        var action = NewKey
            ? "Encrypt the sensitive variables with a new key and rewrite the state's history without them"
            : "Encrypt the sensitive variables and rewrite the state's history without them";
        if (!ShouldProcess(Workspace.State.Remote.Url, action)) return;
        var protection = new VariableProtection(Workspace.State);
        WriteObject(Run((observer, ct) => protection.ProtectAsync(NewKey, observer, ct)));
    }
}
