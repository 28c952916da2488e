namespace MagentoCloud.Engine;

/// <summary>One progress report of long work (build, upload, dump, import).</summary>
/// <param name="Activity">What is being done, e.g. "Deploy staging".</param>
/// <param name="Status">Where it is now, e.g. "Uploading to 127.0.0.2".</param>
/// <param name="PercentComplete">0..100, or -1 when unknown.</param>
public sealed record OperationProgress(string Activity, string Status, int PercentComplete = -1)
{
    /// <summary>Distinguishes parallel progress bars (one per host, say).</summary>
    public int Id { get; init; }

    public bool Completed { get; init; }
}
