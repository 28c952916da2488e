using System.Management.Automation;
using System.Net;
using System.Security;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Environments;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsSecurity.Protect, "CloudVariable", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CloudVariableProtection))]
public sealed class ProtectCloudVariableCommand : CloudProjectCmdlet
{
    /// <summary>Encrypt with a new key (the old one is deleted here and opens nothing afterwards).</summary>
    [Parameter]
    public SwitchParameter NewKey { get; set; }

    /// <summary>Other secrets to blank out of the history's logs (a password a hook echoed, say); secure strings, so they stay out of the console history.</summary>
    [Parameter]
    public SecureString[] RemoveValue { get; set; } = [];

    protected override void ProcessItem()
    {
        var action = NewKey
            ? "Encrypt the sensitive variables with a new key and rewrite the state's history without them"
            : "Encrypt the sensitive variables and rewrite the state's history without them";
        if (!ShouldProcess(Workspace.State.Remote.Url, action)) return;
        var protection = new VariableProtection(Workspace.State);
        // The database passwords this machine knows go too: earlier versions let hooks echo them into logs.
        var remove = RemoveValue.Select(v => new NetworkCredential("", v).Password)
            .Concat(DatabasePasswords.Known(Workspace.Root, Workspace.Environments.List().Select(e => e.Name)))
            .ToList();
        WriteObject(Run((observer, ct) => protection.ProtectAsync(NewKey, remove, observer, ct)));
    }
}
