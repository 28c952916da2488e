namespace MagentoCloud.Engine.Configuration;

/// <summary>Magento's configuration scopes, as core_config_data.scope names them.</summary>
public enum ConfigScope
{
    Default,
    Websites,
    Stores,
}
