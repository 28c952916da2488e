namespace MagentoCloud.Engine.Build;

/// <summary>A built (or reused) slug and the application file of the commit it came from.</summary>
/// <param name="Remote">Where the slug is on the build host; null when it is in this machine's store.</param>
public sealed record BuildResult(CloudSlug Slug, AppDocument App, RemoteSlug? Remote = null);
