using System.Management.Automation;
using MagentoCloud.Engine.Data;

using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.Copy, "CloudDatabase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(CloudDatabaseCopy))]
public sealed class CopyCloudDatabaseCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Source { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("Name", "Environment")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Destination { get; set; } = "";

    [Parameter]
    public SwitchParameter Sanitize { get; set; }

    [Parameter]
    public string[] Strip { get; set; } = [];

    [Parameter]
    public string[] ExcludeTable { get; set; } = [];

    [Parameter]
    public string[] IncludeTable { get; set; } = [];

    [Parameter]
    public SwitchParameter NoSnapshot { get; set; }

    /// <summary>Keep the destination's Redis cache databases instead of emptying them.</summary>
    [Parameter]
    public SwitchParameter KeepCache { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    [ValidateRange(1, 32)]
    public int ThrottleLimit { get; set; }

    protected override void ProcessItem()
    {
        if (!ShouldProcess(Destination, $"Replace its database with a copy of {Source}'s")) return;
        var options = new DatabaseCopyOptions
        {
            // Not given: the engine decides (on from Production to anything else).
            Sanitize = MyInvocation.BoundParameters.ContainsKey(nameof(Sanitize)) ? Sanitize.IsPresent : null,
            Strip = Strip, Exclude = ExcludeTable, Include = IncludeTable, NoSnapshot = NoSnapshot, Force = Force, KeepCache = KeepCache,
            ThrottleLimit = ThrottleLimit > 0 ? ThrottleLimit : null,
        };
        WriteObject(Run((o, ct) => new DatabaseCopyService(Workspace).CopyAsync(Source, Destination, options, o, ct)));
    }
}
