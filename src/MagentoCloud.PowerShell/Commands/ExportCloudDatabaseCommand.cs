using System.Management.Automation;
using MagentoCloud.Engine.Data;

using MagentoCloud.PowerShell.Completion;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsData.Export, "CloudDatabase", SupportsShouldProcess = true)]
[OutputType(typeof(CloudDatabaseCopy))]
public sealed class ExportCloudDatabaseCommand : CloudProjectCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string Environment { get; set; } = "";

    [Parameter(Mandatory = true, Position = 1)]
    public string Path { get; set; } = "";

    [Parameter]
    public DumpCompression? Compression { get; set; }

    [Parameter]
    public SwitchParameter Sanitize { get; set; }

    [Parameter]
    public string[] Strip { get; set; } = [];

    [Parameter]
    public string[] ExcludeTable { get; set; } = [];

    [Parameter]
    public string[] IncludeTable { get; set; } = [];

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    [ValidateRange(1, 32)]
    public int ThrottleLimit { get; set; }

    protected override void ProcessItem()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        var compression = Compression ?? DumpFile.FromName(path);
        if (!ShouldProcess(path, $"Write {Environment}'s database ({compression})")) return;
        var options = new DatabaseCopyOptions { Sanitize = Sanitize.IsPresent, Strip = Strip, Exclude = ExcludeTable, Include = IncludeTable, Force = Force,
            ThrottleLimit = ThrottleLimit > 0 ? ThrottleLimit : null };
        WriteObject(Run((o, ct) => new DatabaseCopyService(Workspace).ExportAsync(Environment, path, compression, options, o, ct)));
    }
}
