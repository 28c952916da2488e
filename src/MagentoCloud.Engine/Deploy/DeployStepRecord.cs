namespace MagentoCloud.Engine.Deploy;

/// <summary>How one step of a deploy went: when, how long, and its result.</summary>
public sealed class DeployStepRecord
{
    public string Name { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    public TimeSpan Duration { get; set; }

    public bool Succeeded { get; set; }

    /// <summary>Why it failed, or a note (e.g. "recovered a stale lock").</summary>
    public string? Message { get; set; }
}
