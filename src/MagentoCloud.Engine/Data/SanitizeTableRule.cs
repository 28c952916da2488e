namespace MagentoCloud.Engine.Data;

/// <summary>
/// The rules for the tables whose names match <see cref="Pattern"/> (<c>*</c> and <c>?</c> are wildcards):
/// column actions, actions for the table's first row only, and whether its rows are dropped.
/// </summary>
public sealed record SanitizeTableRule
{
    public required string Pattern { get; init; }

    /// <summary>True: structure only, the rows are dropped. Null: not said here (another rule decides).</summary>
    public bool? Truncate { get; init; }

    public IReadOnlyDictionary<string, SanitizeRule> Columns { get; init; } = new Dictionary<string, SanitizeRule>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Overrides for the first row the dump holds (mysqldump writes rows in primary-key order), so one
    /// record can stay usable: the built-in rules keep the first admin user's login.
    /// </summary>
    public IReadOnlyDictionary<string, SanitizeRule> FirstRow { get; init; } = new Dictionary<string, SanitizeRule>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where the rule was written (file and line), for messages.</summary>
    public string? Source { get; init; }

    internal bool IsWildcard => TablePattern.IsWildcard(Pattern);
}
