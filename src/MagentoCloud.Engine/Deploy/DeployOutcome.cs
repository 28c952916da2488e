namespace MagentoCloud.Engine.Deploy;

/// <summary>How a deploy ended: its steps, its log, and, on failure, the step and the reason.</summary>
public sealed class DeployOutcome
{
    public bool Succeeded => FailedStep is null;

    public string? FailedStep { get; init; }

    public Exception? Error { get; init; }

    /// <summary>The release that is live on the hosts now (the new one, or the previous one after a failure).</summary>
    public string? LiveRelease { get; init; }

    /// <summary>The new release's id (live only when <see cref="NewReleaseLive"/>).</summary>
    public string? Release { get; init; }

    public bool NewReleaseLive { get; init; }

    public string? Commit { get; init; }

    public Build.CloudSlug? Slug { get; init; }

    public IReadOnlyList<DeployStepRecord> Steps { get; init; } = [];

    public IReadOnlyList<string> Log { get; init; } = [];

    /// <summary>One sentence for the user: what happened and what is live.</summary>
    public string Summary { get; init; } = "";
}
