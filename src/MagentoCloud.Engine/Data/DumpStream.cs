namespace MagentoCloud.Engine.Data;

/// <summary>
/// One dump process of a parallel copy: whole tables, or one primary-key range of one table
/// (<see cref="Where"/>), with the bytes it is expected to carry (from the table statistics).
/// </summary>
internal sealed record DumpStream(IReadOnlyList<string> Tables, string? Where, long Bytes)
{
    public override string ToString() => Where is null
        ? Tables.Count <= 3 ? string.Join(", ", Tables) : $"{Tables[0]} and {Tables.Count - 1} more tables"
        : $"{Tables[0]} where {Where}";
}
