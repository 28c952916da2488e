using System.Management.Automation;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.PowerShell.Commands;

[Cmdlet(VerbsCommon.New, "CloudProject", SupportsShouldProcess = true)]
[OutputType(typeof(CloudProject))]
public sealed class NewCloudProjectCommand : CloudCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    protected override void ProcessItem()
    {
        var folder = GetUnresolvedProviderPathFromPSPath(Path);
        if (!ShouldProcess(folder, "Create a Magento Cloud project (master, staging, production)")) return;
        WriteObject(Run(async (observer, token) =>
            (await Workspace.CreateAsync(folder, Title, observer, token).ConfigureAwait(false)).Describe()));
    }
}
