namespace MagentoCloud.Engine.Project;

/// <summary>The shell scripts of <c>hooks:</c>; null when a hook is not given.</summary>
public sealed record AppHooks(string? Build, string? Deploy, string? PostDeploy);
