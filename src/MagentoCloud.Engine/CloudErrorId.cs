namespace MagentoCloud.Engine;

/// <summary>Stable error identifiers. Never localized; scripts match on them.</summary>
public enum CloudErrorId
{
    Unknown,
    ProjectNotFound,
    ProjectInvalid,
    ProjectExists,
    EnvironmentNotFound,
    EnvironmentExists,
    EnvironmentNameInvalid,
    EnvironmentBusy,
    EnvironmentInactive,
    BranchFromProtectedType,
    IntegrationLimitReached,
    ParentNotFound,
    NoParent,
    MergeConflict,
    PushRejected,
    EnvironmentProtected,
    StateConflict,
    VariableNotFound,
    VariableAmbiguous,
    GitFailed,
    HostKeyUnknown,
    HostKeyChanged,
    HostUnreachable,
    AuthenticationFailed,
    CommandFailed,
    TransportFailed,
    InvalidArgument,
    Cancelled,
}
