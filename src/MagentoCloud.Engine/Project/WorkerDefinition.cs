namespace MagentoCloud.Engine.Project;

/// <summary>
/// A worker of <c>workers:</c> in <c>.magento.app.yaml</c>: its name and the shell command of
/// <c>commands.start</c>, run from the live release. The platform's other keys of a worker
/// (<c>size</c>, <c>disk</c>, <c>variables</c>, ...) are not used here; Test-CloudProject notes them.
/// </summary>
public sealed record WorkerDefinition(string Name, string Command);
