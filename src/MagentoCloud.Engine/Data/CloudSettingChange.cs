namespace MagentoCloud.Engine.Data;

/// <summary>One row of core_config_data that the engine changed after data landed in an environment.</summary>
public sealed class CloudSettingChange
{
    /// <summary>default, websites or stores, as core_config_data names the scope.</summary>
    public string Scope { get; init; } = "default";

    public int ScopeId { get; init; }

    public string Path { get; init; } = "";

    /// <summary>Rewritten (a base URL to the destination's route), Overridden (.magento/overrides.yaml), Removed (an override of ~).</summary>
    public string Change { get; init; } = "";

    /// <summary>The new value of a base URL; null for overrides, whose values may be keys (they are in the project file).</summary>
    public string? Value { get; init; }

    public override string ToString() => $"{Change} {Path} [{Scope} {ScopeId}]";
}
