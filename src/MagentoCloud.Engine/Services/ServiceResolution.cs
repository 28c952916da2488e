namespace MagentoCloud.Engine.Services;

/// <summary>The endpoints of an environment's relationships, and those that have none.</summary>
public sealed record ServiceResolution(IReadOnlyList<ServiceEndpoint> Endpoints, IReadOnlyList<MissingEndpoint> Missing);
