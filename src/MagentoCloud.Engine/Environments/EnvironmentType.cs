namespace MagentoCloud.Engine.Environments;

/// <summary>What an environment is for; Integration environments are of type Development.</summary>
public enum EnvironmentType
{
    Production,
    Staging,
    Development,
}
