namespace MagentoCloud.Engine.Environments;

/// <summary>An environment as the user sees it: its record, its branch head and, later, where it runs.</summary>
public sealed class CloudEnvironment
{
    public string Name { get; set; } = "";

    public string Title { get; set; } = "";

    public EnvironmentType Type { get; set; }

    public EnvironmentStatus Status { get; set; }

    /// <summary>The environment this one merges into; null for the root.</summary>
    public string? Parent { get; set; }

    /// <summary>The Git branch; an environment's branch has the environment's name.</summary>
    public string Branch { get; set; } = "";

    /// <summary>The branch's head commit in the project remote; null when the branch is gone.</summary>
    public string? HeadCommit { get; set; }

    public string? DeployedCommit { get; set; }

    public DateTimeOffset? DeployedAt { get; set; }

    /// <summary>The environment's address; filled from the topology.</summary>
    public string? Url { get; set; }

    /// <summary>
    /// The URLs of its upstream routes (routes.yaml of its deployed commit, resolved for it): where it
    /// answers. Empty on the local default before the project has a web port.
    /// </summary>
    public IReadOnlyList<string> Urls { get; set; } = [];

    /// <summary>
    /// Host → whether its nginx and PHP-FPM serve the environment's live release (read on the hosts,
    /// so only when asked: Get-CloudEnvironment -IncludeRuntime); null when not read.
    /// </summary>
    public IReadOnlyDictionary<string, bool>? Serving { get; set; }

    /// <summary>The hosts it runs on; filled from the topology.</summary>
    public IReadOnlyList<string> Hosts { get; set; } = [];

    /// <summary>Name plus a random suffix, unique for the life of the environment (Magento's machine_name).</summary>
    public string MachineName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public override string ToString() => Name;
}
