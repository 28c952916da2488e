namespace MagentoCloud.Engine.Environments;

/// <summary>
/// One push, branch, merge, sync, deploy...: what was done to which environment, when, and how it
/// ended, with its log. Stored as is in the project's state; never holds a sensitive value.
/// </summary>
public sealed class CloudActivity
{
    public string Id { get; set; } = "";

    public string Type { get; set; } = "";

    /// <summary>The environment it ran on; null for project-wide activities.</summary>
    public string? Environment { get; set; }

    public ActivityState State { get; set; }

    /// <summary>Set once the activity is complete.</summary>
    public ActivityResult? Result { get; set; }

    public string Description { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>From start to completion; null while it runs.</summary>
    public TimeSpan? Duration => CompletedAt - StartedAt;

    public List<CloudActivityStep> Steps { get; set; } = [];

    public string Log { get; set; } = "";

    /// <summary>On a failure that has one, the stable error id of what failed (HostKeyUnknown, DeployLocked, DeployFailed...).</summary>
    public string? ErrorId { get; set; }

    /// <summary>Environments marked Dirty while this runs.</summary>
    public List<string> Environments { get; set; } = [];

    /// <summary>The process that runs it (while InProgress): how a later one tells an abandoned activity from a running one.</summary>
    public ProcessHolder? Runner { get; set; }

    public override string ToString() => $"{Id} {Type} {Environment} {State} {Result}";
}
