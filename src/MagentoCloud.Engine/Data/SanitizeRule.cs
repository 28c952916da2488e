namespace MagentoCloud.Engine.Data;

/// <summary>What to do with one column: an action, and the value for <see cref="SanitizeAction.Fixed"/>.</summary>
public sealed record SanitizeRule(SanitizeAction Action, string? Value = null)
{
    public static readonly SanitizeRule Keep = new(SanitizeAction.Keep);

    public override string ToString() => Action == SanitizeAction.Fixed ? $"fixed: {Value}" : Action.ToString().ToLowerInvariant();
}
