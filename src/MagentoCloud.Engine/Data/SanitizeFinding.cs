namespace MagentoCloud.Engine.Data;

/// <summary>
/// Personal data found in a column that no sanitizing rule names, and what was done with it. Each one is a
/// column to add to <c>.magento/sanitize.yaml</c>: with the action it needs, <c>keep</c>, or <c>table: {}</c>
/// for a table that holds nothing personal.
/// </summary>
public sealed record SanitizeFinding(string Table, string Column, SanitizeFindingReason Reason, SanitizeAction Action)
{
    /// <summary>Email addresses replaced, for <see cref="SanitizeFindingReason.HeldEmailAddresses"/>.</summary>
    public long Values { get; init; }

    public override string ToString() => Reason switch
    {
        SanitizeFindingReason.NameLooksPersonal => $"{Table}.{Column} (its name: sanitized as {Action.ToString().ToLowerInvariant()})",
        SanitizeFindingReason.HeldEmailAddresses => $"{Table}.{Column} ({Values} email address{(Values == 1 ? "" : "es")} replaced)",
        _ => $"{Table}.{Column} (its name: free text that may be personal, NOT sanitized)",
    };
}
