namespace MagentoCloud.Engine.Environments;

/// <summary>How a completed activity ended.</summary>
public enum ActivityResult
{
    Success,
    Failure,
}
