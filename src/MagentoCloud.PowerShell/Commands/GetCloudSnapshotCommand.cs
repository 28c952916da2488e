using System.Management.Automation;
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

    protected override void ProcessRecord()
    {
        var service = new SnapshotService(Workspace);
        try
        {
            if (Id is not null && Environment is not null) WriteObject(service.Get(Environment, Id));
            else WriteObject(service.List(Environment).Where(s => Id is null || s.Id == Id), enumerateCollection: true);
        }
        catch (MagentoCloud.Engine.CloudException e)
        {
            WriteCloudError(e);
        }
    }
}
