namespace MagentoCloud.Engine.Configuration;

/// <summary>What applying config.php to a database changed (the deploy's app:config:import step).</summary>
public sealed class ConfigImportResult
{
    public int Inserted { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public bool Changed => Inserted + Updated > 0;

    /// <summary>The database has no Magento store tables yet, so there was nothing to import into.</summary>
    public bool NotInstalled { get; set; }
}
