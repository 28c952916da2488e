namespace MagentoCloud.Engine.Data;

/// <summary>How a <see cref="DumpSanitizer"/> treats a dump beyond its rules.</summary>
public sealed record DumpSanitizerOptions
{
    /// <summary>Tables whose rows are dropped (structure only), such as the stripped ones of a <see cref="TableSelectionResult"/>.</summary>
    public IReadOnlySet<string> StructureOnlyTables { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Magento's table prefix (env.php 'table_prefix'): rules match the names without it.</summary>
    public string TablePrefix { get; init; } = "";

    /// <summary>Rewrite DEFINER clauses of triggers, views, routines and events to CURRENT_USER.</summary>
    public bool RewriteDefiners { get; init; } = true;

    /// <summary>
    /// Leave out the dump's USE, CREATE DATABASE and DROP DATABASE lines, so an import stays in the
    /// database (the staging schema) its client was pointed at, whatever the dump names.
    /// </summary>
    public bool StayInTargetDatabase { get; init; }

    /// <summary>Called as each table's CREATE TABLE goes through, with the rows of the tables before it: for progress.</summary>
    public Action<string, long>? TableStarted { get; init; }

    /// <summary>
    /// Called as each table's first INSERT goes through: for progress of a stream whose CREATE TABLEs all come
    /// first, so that one table's rows starting means the one before it in the stream has been loaded.
    /// </summary>
    public Action<string>? RowsStarted { get; init; }

    /// <summary>
    /// Called as each INSERT statement of a table whose rows are kept has gone through, with its table, its rows and
    /// its bytes as read: for progress by table, whichever stream carries it.
    /// </summary>
    public Action<string, long, long>? RowsPassed { get; init; }

    /// <summary>Initial input buffer size; it grows for a single value or header line that needs more.</summary>
    public int BufferSize { get; init; } = 1 << 20;
}
