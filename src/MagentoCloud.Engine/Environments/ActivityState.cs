namespace MagentoCloud.Engine.Environments;

/// <summary>Where an activity is in its life.</summary>
public enum ActivityState
{
    Pending,
    InProgress,
    Complete,
    Cancelled,
}
