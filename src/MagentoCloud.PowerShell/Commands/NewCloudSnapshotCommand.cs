using System.Management.Automation;
using MagentoCloud.Engine.Data;

using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.New, "CloudSnapshot", SupportsShouldProcess = true)]
[OutputType(typeof(CloudSnapshot))]
public sealed class NewCloudSnapshotCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    protected override void ProcessItem()
    {
        if (!ShouldProcess(Environment, "Snapshot its database and mounts")) return;
        WriteObject(Run((o, ct) => new SnapshotService(Workspace).CreateAsync(Environment, o, ct)));
    }
}
