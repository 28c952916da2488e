namespace MagentoCloud.Engine.Build;

/// <summary>A built (or reused) slug and the application file of the commit it came from.</summary>
public sealed record BuildResult(CloudSlug Slug, AppDocument App);
