using System.Management.Automation;
using MagentoCloud.Engine.Reports;

namespace MagentoCloud.PowerShell.Commands;

/// <summary>Writes the project's report page: environment tree, last activities, deploy chart, releases per host.</summary>
[Cmdlet(VerbsData.Export, "CloudReport", SupportsShouldProcess = true)]
[OutputType(typeof(CloudReport))]
public sealed class ExportCloudReportCommand : CloudProjectCmdlet
{
    /// <summary>The HTML file to write (replaced if it exists).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>How many of the last activities the table shows.</summary>
    [Parameter]
    [ValidateRange(1, 10000)]
    public int Last { get; set; } = 25;

    protected override void ProcessItem()
    {
        var target = GetUnresolvedProviderPathFromPSPath(Path);
        if (!ShouldProcess(target, "Write the project report page")) return;
        var workspace = Workspace;
        WriteObject(Run((o, ct) => ProjectReport.WriteAsync(workspace, target, Last, o, ct)));
    }
}
