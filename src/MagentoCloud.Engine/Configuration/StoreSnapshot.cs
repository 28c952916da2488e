namespace MagentoCloud.Engine.Configuration;

/// <summary>An environment's store configuration as read from its database in one go.</summary>
internal sealed class StoreSnapshot
{
    /// <summary>store_website rows (all columns, values as text), in id order.</summary>
    public List<PhpArray> Websites { get; } = [];

    public List<PhpArray> Groups { get; } = [];

    public List<PhpArray> Stores { get; } = [];

    /// <summary>theme rows as config.php holds them: keyed area/path, parent as a path.</summary>
    public List<KeyValuePair<string, PhpArray>> Themes { get; } = [];

    /// <summary>theme_id → the theme's full path (area/theme_path), which names it the same in every environment.</summary>
    public Dictionary<string, string> ThemeFullPaths { get; } = [];

    /// <summary>core_config_data, with scope ids resolved to codes.</summary>
    public List<ConfigEntry> Settings { get; } = [];

    /// <summary>The admin users' interface locales, distinct, in first-seen order.</summary>
    public List<string> AdminLocales { get; } = [];

    /// <summary>i18n: locale → website code → store code → string → translation, from the translation table.</summary>
    public PhpArray Translations { get; } = new();
}
