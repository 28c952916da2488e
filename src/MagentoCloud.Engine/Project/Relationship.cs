namespace MagentoCloud.Engine.Project;

/// <summary>A relationship <c>name: "service:endpoint"</c>; the endpoint is null when omitted.</summary>
public sealed record Relationship(string Name, string Service, string? Endpoint);
