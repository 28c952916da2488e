namespace MagentoCloud.Engine.Data;

/// <summary>How a database copy ended.</summary>
public enum DatabaseCopyStatus
{
    Successful,
    Failed,
    /// <summary>Nothing to copy (the source database is empty or missing); the destination is unchanged.</summary>
    Skipped,
}
