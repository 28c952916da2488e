namespace MagentoCloud.Engine.Environments;

/// <summary>An environment's status. Dirty means an activity is running on it.</summary>
public enum EnvironmentStatus
{
    Active,
    Inactive,
    Dirty,
    Deleting,
}
