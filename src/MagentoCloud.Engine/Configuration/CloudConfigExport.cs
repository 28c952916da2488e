namespace MagentoCloud.Engine.Configuration;

/// <summary>What Export-CloudConfig wrote (or, with -WhatIf, would write).</summary>
public sealed class CloudConfigExport
{
    public string Environment { get; set; } = "";

    /// <summary>The config.php written.</summary>
    public string Path { get; set; } = "";

    /// <summary>The env.php that received the sensitive settings; null when there were none.</summary>
    public string? EnvPath { get; set; }

    public ConfigExportMode Mode { get; set; }

    /// <summary>Settings written to config.php.</summary>
    public int Settings { get; set; }

    /// <summary>Sensitive or environment-specific settings written to env.php instead.</summary>
    public int SensitiveSettings { get; set; }

    /// <summary>Websites, groups and store views written.</summary>
    public int Scopes { get; set; }

    /// <summary>config.php paths (<c>system/default/general/locale/code</c>) new in this export.</summary>
    public string[] Added { get; set; } = [];

    public string[] Changed { get; set; } = [];

    public string[] Removed { get; set; } = [];

    /// <summary>True when nothing was written (-WhatIf).</summary>
    public bool WhatIf { get; set; }
}
