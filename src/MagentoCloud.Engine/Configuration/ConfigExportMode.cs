namespace MagentoCloud.Engine.Configuration;

/// <summary>What Export-CloudConfig writes into config.php.</summary>
public enum ConfigExportMode
{
    /// <summary>The scd-dump set: scopes, locales, static signing and dev settings, modules_disable_output.</summary>
    Minimal,

    /// <summary>app:config:dump: every setting, plus themes and i18n.</summary>
    All,
}
