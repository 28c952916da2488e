using System.Management.Automation;
using MagentoCloud.Engine.Runtime;
using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "CloudLog")]
[OutputType(typeof(CloudLogLine))]
public sealed class GetCloudLogCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter(Position = 1)]
    [ValidateSet("access", "error", "php-fpm", "php", "deploy", "cron")]
    public string[] Log { get; set; } = [];

    [Parameter]
    public string? HostName { get; set; }

    [Parameter]
    [ValidateRange(0, 100000)]
    public int Tail { get; set; } = 100;

    [Parameter]
    public DateTimeOffset? Since { get; set; }

    /// <summary>Keeps writing new lines as they are written, until Ctrl+C.</summary>
    [Parameter]
    public SwitchParameter Follow { get; set; }

    protected override void ProcessItem()
    {
        var deployments = Workspace.Deployments;
        if (Follow)
        {
            RunEach<CloudLogLine>((o, write, ct) => deployments.FollowLogsAsync(Environment, Log, HostName, Tail, Since, write, ct));
            return;
        }
        WriteObject(Run((o, ct) => deployments.GetLogsAsync(Environment, Log, HostName, Tail, Since, ct)), enumerateCollection: true);
    }
}
