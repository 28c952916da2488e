namespace MagentoCloud.Engine.Configuration;

/// <summary>A setting's effective value and where it comes from (Get-CloudConfig).</summary>
public sealed class CloudConfigSetting
{
    public string Path { get; set; } = "";

    public ConfigScope Scope { get; set; }

    /// <summary>The website or store code; null at the default scope.</summary>
    public string? ScopeCode { get; set; }

    /// <summary>The value; null when the setting is sensitive (it is never shown).</summary>
    public string? Value { get; set; }

    public ConfigSource Source { get; set; }

    /// <summary>Set outside the database (a file or a variable): Admin shows it read-only and Set-CloudConfig refuses it.</summary>
    public bool IsLocked { get; set; }

    public bool IsSensitive { get; set; }

    /// <summary>What locks it: <c>app/etc/env.php</c>, <c>app/etc/config.php</c>, or the variable's name.</summary>
    public string? LockedBy { get; set; }

    public override string ToString() => Scope == ConfigScope.Default ? Path : $"{Path} [{ScopeCode}]";
}
