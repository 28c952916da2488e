using System.Management.Automation;
using MagentoCloud.Engine;
using MagentoCloud.Engine.Data;

using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "CloudSnapshot")]
[OutputType(typeof(CloudSnapshot))]
public sealed class GetCloudSnapshotCommand : CloudProjectCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    [Parameter(Position = 1)]
    public string? Id { get; set; }

    protected override void ProcessItem()
    {
        var service = new SnapshotService(Workspace);
        if (Id is not null && Environment is not null)
        {
            WriteObject(service.Get(Environment, Id));
            return;
        }
        WriteFound(service.List(Environment).Where(s => Id is null || s.Id == Id).ToList(), Id, () =>
            new CloudException(CloudErrorId.SnapshotNotFound, $"There is no snapshot '{Id}'. List them with Get-CloudSnapshot.", Id));
    }
}
