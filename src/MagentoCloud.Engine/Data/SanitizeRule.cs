namespace MagentoCloud.Engine.Data;

/// <summary>What to do with one column: an action, the value for <see cref="SanitizeAction.Fixed"/>, and the rows it is for.</summary>
public sealed record SanitizeRule(SanitizeAction Action, string? Value = null)
{
    public static readonly SanitizeRule Keep = new(SanitizeAction.Keep);

    /// <summary>
    /// Only rows whose columns (left of this one) hold these values, all of them; null: every row. A role's name is
    /// its admin's username only in user roles (role_type U).
    /// </summary>
    public IReadOnlyDictionary<string, string>? When { get; init; }

    public override string ToString() =>
        (Action == SanitizeAction.Fixed ? $"fixed: {Value}" : Action.ToString().ToLowerInvariant())
        + (When is { Count: > 0 } when ? " when " + string.Join(" and ", when.Select(w => $"{w.Key} = {w.Value}")) : "");
}
