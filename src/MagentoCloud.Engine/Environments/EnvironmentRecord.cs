namespace MagentoCloud.Engine.Environments;

/// <summary>An environment as the state stores it: one JSON file per environment, its variables inside.</summary>
public sealed class EnvironmentRecord
{
    public string Name { get; set; } = "";

    public string Title { get; set; } = "";

    public EnvironmentType Type { get; set; }

    public string? Parent { get; set; }

    public EnvironmentStatus Status { get; set; }

    /// <summary>The activity that made it Dirty, and the status to return to when that ends.</summary>
    public string? DirtyActivity { get; set; }

    public EnvironmentStatus? StatusBeforeDirty { get; set; }

    public string MachineName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? DeployedCommit { get; set; }

    public DateTimeOffset? DeployedAt { get; set; }

    public List<VariableRecord> Variables { get; set; } = [];

    /// <summary>Active or running an activity: what counts against the Integration limit.</summary>
    internal bool IsLive => Status is EnvironmentStatus.Active or EnvironmentStatus.Dirty
        || (Status == EnvironmentStatus.Deleting && StatusBeforeDirty == EnvironmentStatus.Active);

    internal CloudEnvironment ToOutput(string? headCommit) => new()
    {
        Name = Name,
        Title = Title,
        Type = Type,
        Status = Status,
        Parent = Parent,
        Branch = Name,
        HeadCommit = headCommit,
        DeployedCommit = DeployedCommit,
        DeployedAt = DeployedAt,
        MachineName = MachineName,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
    };
}
