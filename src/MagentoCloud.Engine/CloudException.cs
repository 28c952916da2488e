namespace MagentoCloud.Engine;

/// <summary>
/// What went wrong, precisely: a stable id, a message that says what to do next, and the object
/// it happened to. The PowerShell layer turns it into an ErrorRecord.
/// </summary>
public class CloudException : Exception
{
    public CloudException(CloudErrorId id, string message, object? target = null, Exception? inner = null)
        : base(message, inner)
    {
        Id = id;
        Target = target;
    }

    public CloudErrorId Id { get; }

    public object? Target { get; }
}
