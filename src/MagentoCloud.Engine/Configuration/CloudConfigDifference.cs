namespace MagentoCloud.Engine.Configuration;

/// <summary>One setting that differs between a reference and another configuration (Compare-CloudConfig).
/// Sensitive values are compared but shown as <c>(sensitive)</c>; <see cref="Status"/> tells a side that
/// does not set the setting from one that sets it to null.</summary>
public sealed class CloudConfigDifference
{
    public const string Hidden = "(sensitive)";

    /// <summary>The setting's path; store structure and themes appear as <c>scopes/...</c> and <c>themes/...</c>.</summary>
    public string Path { get; set; } = "";

    public ConfigScope Scope { get; set; }

    public string? ScopeCode { get; set; }

    /// <summary>The reference's value (the reference environment, or the config file); null when it is null or not set.</summary>
    public string? Reference { get; set; }

    /// <summary>The compared environment's value; null when it is null or not set.</summary>
    public string? Value { get; set; }

    /// <summary>Whether both sides set the setting, or which one does not.</summary>
    public ConfigDifferenceStatus Status { get; set; }

    public bool IsSensitive { get; set; }
}
