namespace MagentoCloud.Engine.Environments;

/// <summary>Where a variable is defined.</summary>
public enum VariableLevel
{
    Project,
    Environment,
}
