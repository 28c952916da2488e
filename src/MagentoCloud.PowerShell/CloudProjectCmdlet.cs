using System.Management.Automation;
using MagentoCloud.Engine;
using MagentoCloud.Engine.Environments;
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

    /// <summary>False for the one cmdlet that reports a broken topology as findings instead of stopping.</summary>
    protected virtual bool RequiresTopology => true;

    /// <summary>The project, opened on first use.</summary>
    protected Workspace Workspace => _workspace ??= OpenWorkspace();

    private Workspace OpenWorkspace()
    {
        var start = ProjectPath is null
            ? SessionState.Path.CurrentFileSystemLocation.ProviderPath
            : GetUnresolvedProviderPathFromPSPath(ProjectPath);
        try
        {
            var workspace = Workspace.Open(start);
            // A broken topology stops every command here, with its id and place, before any work.
            if (RequiresTopology) _ = workspace.Files.Topology;
            return workspace;
        }
        catch (MagentoCloud.Engine.CloudException e)
        {
            ThrowTerminatingError(ToErrorRecord(e));
            throw; // not reached
        }
    }

    /// <summary>Writes a deploy's activity; a failed deploy also writes an error saying what failed and where to read the log.</summary>
    protected void WriteDeploy(CloudActivity activity)
    {
        WriteObject(activity);
        if (activity.Result != ActivityResult.Failure) return;
        var environment = activity.Environment ?? "";
        var summary = activity.Log.TrimEnd('\n').Split('\n').LastOrDefault() ?? "The deploy failed.";
        // The failure's own id when it has one (HostKeyUnknown stays HostKeyUnknown), else DeployFailed.
        var id = Enum.TryParse<CloudErrorId>(activity.ErrorId, out var failed) && failed != CloudErrorId.Unknown ? failed : CloudErrorId.DeployFailed;
        WriteCloudError(new CloudException(id,
            $"{summary} Details: Get-CloudActivity -Environment {environment} -Last 1 | Select-Object -ExpandProperty Log", environment));
    }

    /// <summary>
    /// After a branch, merge, synchronize or push: deploys what it changed (the environment's new
    /// head, when the environment is active), as Magento Cloud does, and writes that deploy's activity.
    /// </summary>
    protected void DeployChange(string environment, string activityType)
    {
        var deployments = Workspace.Deployments;
        var activity = Run((o, ct) => deployments.DeployChangeAsync(environment, activityType, o, ct));
        if (activity is not null) WriteDeploy(activity);
    }
}
