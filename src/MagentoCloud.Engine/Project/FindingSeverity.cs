namespace MagentoCloud.Engine.Project;

/// <summary>How much a finding matters: an Error stops a build or deploy, a Warning usually costs something later.</summary>
public enum FindingSeverity
{
    Notice,
    Warning,
    Error,
}
