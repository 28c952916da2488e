namespace MagentoCloud.Engine.Configuration;

/// <summary>Where an effective setting comes from, highest precedence first.</summary>
public enum ConfigSource
{
    EnvironmentVariable,
    AppYaml,
    EnvPhp,
    ConfigPhp,
    Database,
}
