namespace MagentoCloud.Engine.Configuration;

/// <summary>How a setting differs (Compare-CloudConfig): a setting that is not set differs from one set to null.</summary>
public enum ConfigDifferenceStatus
{
    /// <summary>Both sides set it, to different values.</summary>
    Different,

    /// <summary>The reference (environment or config file) sets it; the compared environment does not.</summary>
    MissingInEnvironment,

    /// <summary>The compared environment sets it; the reference does not.</summary>
    MissingInReference,
}
