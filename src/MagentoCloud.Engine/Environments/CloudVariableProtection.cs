namespace MagentoCloud.Engine.Environments;

/// <summary>What Protect-CloudVariable did: where the sensitive values are now, and what the state's history lost.</summary>
public sealed class CloudVariableProtection
{
    /// <summary>The id of the key the sensitive values are encrypted with now.</summary>
    public string KeyId { get; set; } = "";

    /// <summary>The key's file on this machine (give it to teammates over a private channel).</summary>
    public string KeyPath { get; set; } = "";

    /// <summary>True when a new key replaced the previous one.</summary>
    public bool KeyRotated { get; set; }

    /// <summary>Sensitive values now stored encrypted, off the state's history.</summary>
    public int SensitiveValues { get; set; }

    /// <summary>State commits rewritten (those that held a sensitive value, and every one after them).</summary>
    public int CommitsRewritten { get; set; }

    /// <summary>Distinct secrets blanked out of the history: sensitive values (records and activity logs), database passwords and the values given to remove.</summary>
    public int ValuesRemoved { get; set; }

    /// <summary>True when the project remote's unreachable objects (the old history) were deleted; else say what is left to do.</summary>
    public bool Pruned { get; set; }

    public string Remote { get; set; } = "";
}
