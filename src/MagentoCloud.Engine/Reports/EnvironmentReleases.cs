using MagentoCloud.Engine.Deploy;

namespace MagentoCloud.Engine.Reports;

/// <summary>An environment's releases on its hosts, or why they could not be read.</summary>
public sealed record EnvironmentReleases(string Environment, IReadOnlyList<CloudRelease> Releases, string? Note);
