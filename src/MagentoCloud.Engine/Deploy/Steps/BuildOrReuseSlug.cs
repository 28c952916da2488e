namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>Builds the commit's slug, or reuses the one built from the same tree and inputs.</summary>
public sealed class BuildOrReuseSlug : IDeployStep
{
    public string Name => nameof(BuildOrReuseSlug);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        var result = await context.Builder.BuildAsync(context.Build, context.LogObserver, cancellationToken).ConfigureAwait(false);
        context.Slug = result.Slug;
        context.App = result.App;
        context.RemoteSlug = result.Remote;
        context.ReleaseId = $"{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss-fff}-{result.Slug.Id[..7]}";
        context.Write($"Slug {result.Slug.Id} {(result.Slug.Reused ? "reused" : "built")} for commit {result.Slug.Commit[..12]}; release {context.ReleaseId}.");
    }
}
