using System.Management.Automation;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.PowerShell;

/// <summary>A cmdlet that works on a project found from the current location or -ProjectPath.</summary>
public abstract class CloudProjectCmdlet : CloudCmdlet
{
    /// <summary>The project folder (or any folder inside it). Defaults to the current location.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ProjectPath { get; set; }

    private Workspace? _workspace;

    /// <summary>The project, opened on first use.</summary>
    protected Workspace Workspace => _workspace ??= OpenWorkspace();

    private Workspace OpenWorkspace()
    {
        var start = ProjectPath is null
            ? SessionState.Path.CurrentFileSystemLocation.ProviderPath
            : GetUnresolvedProviderPathFromPSPath(ProjectPath);
        try
        {
            return Workspace.Open(start);
        }
        catch (MagentoCloud.Engine.CloudException e)
        {
            ThrowTerminatingError(ToErrorRecord(e));
            throw; // not reached
        }
    }
}
