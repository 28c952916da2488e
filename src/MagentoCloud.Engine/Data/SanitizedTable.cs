namespace MagentoCloud.Engine.Data;

/// <summary>What the sanitizer did to one table of the dump.</summary>
public sealed class SanitizedTable
{
    public required string Table { get; init; }

    /// <summary>Rows the dump held for it.</summary>
    public long Rows { get; init; }

    /// <summary>True when a rule names the table (or a wildcard matches it).</summary>
    public bool Ruled { get; init; }

    /// <summary>True when its rows were dropped (a truncate rule, or stripped to structure only).</summary>
    public bool Truncated { get; init; }

    /// <summary>The columns whose values were replaced by a rule.</summary>
    public IReadOnlyList<string> SanitizedColumns { get; init; } = [];

    /// <summary>Values replaced (NULL and empty values are left as they are and not counted).</summary>
    public long SanitizedValues { get; init; }
}
