using System.Management.Automation;
using MagentoCloud.Engine;

namespace MagentoCloud.PowerShell;

/// <summary>The one table that maps the engine's stable error ids to PowerShell's categories.</summary>
internal static class ErrorCategories
{
    public static ErrorCategory For(CloudErrorId id) => id switch
    {
        CloudErrorId.ProjectNotFound or CloudErrorId.EnvironmentNotFound or CloudErrorId.ParentNotFound
            or CloudErrorId.VariableNotFound or CloudErrorId.ActivityNotFound => ErrorCategory.ObjectNotFound,
        CloudErrorId.ProjectExists or CloudErrorId.EnvironmentExists => ErrorCategory.ResourceExists,
        CloudErrorId.EnvironmentNameInvalid or CloudErrorId.InvalidArgument or CloudErrorId.VariableAmbiguous
            or CloudErrorId.VariableInvalid
            => ErrorCategory.InvalidArgument,
        CloudErrorId.ProjectInvalid or CloudErrorId.SanitizeRulesInvalid or CloudErrorId.SanitizeRulesMatchNothing
            or CloudErrorId.DumpInvalid or CloudErrorId.ConfigInvalid or CloudErrorId.TopologyInvalid => ErrorCategory.InvalidData,
        CloudErrorId.DumpIncomplete => ErrorCategory.ReadError,
        CloudErrorId.ConfigScopeNotFound or CloudErrorId.ConfigSettingNotFound => ErrorCategory.ObjectNotFound,
        CloudErrorId.ConfigLocked => ErrorCategory.PermissionDenied,
        CloudErrorId.ConfigFileTracked => ErrorCategory.SecurityError,
        CloudErrorId.EnvironmentBusy or CloudErrorId.StateConflict or CloudErrorId.ActivityStillRunning => ErrorCategory.ResourceBusy,
        CloudErrorId.ActivityNotRunning => ErrorCategory.InvalidOperation,
        CloudErrorId.EnvironmentInactive or CloudErrorId.BranchFromProtectedType or CloudErrorId.NoParent
            or CloudErrorId.IntegrationLimitReached or CloudErrorId.HasChildren => ErrorCategory.InvalidOperation,
        CloudErrorId.MergeConflict or CloudErrorId.PushRejected => ErrorCategory.WriteError,
        CloudErrorId.EnvironmentProtected => ErrorCategory.PermissionDenied,
        CloudErrorId.HostKeyUnknown or CloudErrorId.HostKeyChanged or CloudErrorId.AuthenticationFailed
            => ErrorCategory.SecurityError,
        CloudErrorId.HostUnreachable or CloudErrorId.TransportFailed or CloudErrorId.DatabaseUnavailable
            or CloudErrorId.ServiceUnavailable
            => ErrorCategory.ConnectionError,
        CloudErrorId.GitFailed or CloudErrorId.CommandFailed => ErrorCategory.InvalidResult,
        CloudErrorId.Cancelled => ErrorCategory.OperationStopped,
        CloudErrorId.BuildFailed or CloudErrorId.DeployFailed => ErrorCategory.InvalidResult,
        CloudErrorId.WebRuntimeFailed => ErrorCategory.InvalidResult,
        CloudErrorId.PortInUse => ErrorCategory.ResourceUnavailable,
        CloudErrorId.BuildToolMissing => ErrorCategory.NotInstalled,
        CloudErrorId.SlugUnsafe or CloudErrorId.TreeEntryUnsafe => ErrorCategory.SecurityError,
        CloudErrorId.SecretKeyMissing => ErrorCategory.SecurityError,
        CloudErrorId.DeployLocked => ErrorCategory.ResourceBusy,
        CloudErrorId.ReleaseNotFound or CloudErrorId.SnapshotNotFound => ErrorCategory.ObjectNotFound,
        CloudErrorId.ImportFailed => ErrorCategory.WriteError,
        CloudErrorId.OverridesInvalid => ErrorCategory.InvalidData,
        CloudErrorId.SourceHostRemains => ErrorCategory.InvalidResult,
        CloudErrorId.SharedStorageMissing => ErrorCategory.ResourceUnavailable,
        CloudErrorId.ServiceEndpointMissing => ErrorCategory.ObjectNotFound,
        _ => ErrorCategory.NotSpecified,
    };
}
