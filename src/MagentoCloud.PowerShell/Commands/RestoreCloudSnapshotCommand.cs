using System.Management.Automation;
using MagentoCloud.Engine.Data;

using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsData.Restore, "CloudSnapshot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CloudSnapshot))]
public sealed class RestoreCloudSnapshotCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    /// <summary>The snapshot; "latest" (the default) is the newest.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Id { get; set; } = "latest";

    /// <summary>
    /// The environment whose snapshot to restore, when it is another than -Environment (a snapshot of production restored
    /// into staging): the restore then makes the settings the destination's own, as Copy-CloudDatabase does.
    /// </summary>
    [Parameter]
    [Alias("SourceEnvironment")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? From { get; set; }

    /// <summary>Restore another environment's snapshot into a Production environment.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Keep the environment's Redis cache databases instead of emptying them.</summary>
    [Parameter]
    public SwitchParameter KeepCache { get; set; }

    [Parameter]
    [ValidateRange(1, 32)]
    public int ThrottleLimit { get; set; }

    protected override void ProcessItem()
    {
        var what = From is null ? $"snapshot {Id}" : $"snapshot {Id} of {From}";
        if (!ShouldProcess(Environment, $"Replace its database and mounts with {what}")) return;
        WriteObject(Run((o, ct) => new SnapshotService(Workspace).RestoreAsync(Environment, Id, o, ct, KeepCache, From, Force,
            ThrottleLimit > 0 ? ThrottleLimit : null)));
    }
}
