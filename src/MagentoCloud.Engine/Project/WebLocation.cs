namespace MagentoCloud.Engine.Project;

/// <summary>A location of <c>web.locations</c>: the URL path, the folder it serves, its front controller.</summary>
public sealed record WebLocation(string Path, string? Root, string? Passthru);
