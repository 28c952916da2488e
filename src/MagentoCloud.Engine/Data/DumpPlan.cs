using MySqlConnector;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// What a dump of one database carries, decided before it starts: its base tables through a
/// <see cref="TableSelection"/>, and the dump client's options for the two passes — one consistent
/// the structure of the stripped tables (their rows are never read), then one consistent snapshot of
/// the tables with rows, routines, triggers and views.
/// </summary>
public sealed class DumpPlan
{
    private DumpPlan(string database, TableSelectionResult tables, bool hasEvents)
    {
        Database = database;
        Tables = tables;
        HasEvents = hasEvents;
    }

    public string Database { get; }

    public TableSelectionResult Tables { get; }

    /// <summary>Dump events too (--events needs the EVENT privilege, so only when the database has any).</summary>
    public bool HasEvents { get; }

    /// <summary>Tables the dump creates: with rows or structure only.</summary>
    public int TableCount => Tables.DataTables.Count + Tables.StructureOnlyTables.Count;

    public bool IsEmpty => TableCount == 0;

    /// <summary>Lists the database's base tables (a missing database has none) and applies the selection.</summary>
    public static async Task<DumpPlan> CreateAsync(DatabaseEndpoint endpoint, TableSelection selection, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint with { Database = "" }));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var tables = await SchemaQueries.StringsAsync(connection,
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
            endpoint.Database, cancellationToken).ConfigureAwait(false);
        var events = await SchemaQueries.StringsAsync(connection,
            "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = @db", endpoint.Database, cancellationToken).ConfigureAwait(false);
        return new DumpPlan(endpoint.Database, selection.Resolve(tables), events.Count > 0);
    }

    /// <summary>The data pass: a consistent snapshot of the tables with rows, routines, triggers and views.</summary>
    public IReadOnlyList<string> DataPassOptions()
    {
        var options = new List<string>
        {
            "--single-transaction", "--quick", "--no-tablespaces", "--hex-blob", "--routines", "--triggers",
            "--skip-dump-date", "--default-character-set=utf8mb4", "--max-allowed-packet=1G",
            HasEvents ? "--events" : "--skip-events",
        };
        foreach (var table in Tables.StructureOnlyTables.Concat(Tables.SkippedTables)) options.Add($"--ignore-table={Database}.{table}");
        options.Add(Database);
        return options;
    }

    /// <summary>The structure pass, run first when tables are stripped: their structure and triggers, no rows; null when none are.</summary>
    public IReadOnlyList<string>? StructurePassOptions()
    {
        if (Tables.StructureOnlyTables.Count == 0) return null;
        return
        [
            "--no-data", "--single-transaction", "--no-tablespaces", "--triggers", "--skip-routines", "--skip-events",
            "--skip-dump-date", "--default-character-set=utf8mb4", "--no-create-db", Database, .. Tables.StructureOnlyTables,
        ];
    }

    private static readonly string[] Common =
        ["--single-transaction", "--no-tablespaces", "--skip-dump-date", "--default-character-set=utf8mb4", "--max-allowed-packet=1G"];

    /// <summary>A parallel copy's first pass: the structure of every table it creates, without triggers.</summary>
    public IReadOnlyList<string> TablesPassOptions() =>
        ["--no-data", "--skip-triggers", "--skip-routines", "--skip-events", .. Common, Database, .. Tables.DataTables, .. Tables.StructureOnlyTables];

    /// <summary>
    /// One stream of a parallel copy: rows only (the tables exist by then), no LOCK TABLES around them, so that
    /// several streams can load ranges of one table at once.
    /// </summary>
    internal IReadOnlyList<string> StreamOptions(DumpStream stream) =>
    [
        "--no-create-info", "--quick", "--hex-blob", "--skip-add-locks", "--skip-triggers", "--skip-routines", "--skip-events", .. Common,
        .. stream.Where is { } where ? new[] { "--where=" + where } : [], Database, .. stream.Tables,
    ];

    /// <summary>A parallel copy's last pass: the triggers, routines and events, once every table is loaded.</summary>
    public IReadOnlyList<string> ObjectsPassOptions() =>
    [
        "--no-data", "--no-create-info", "--triggers", "--routines", HasEvents ? "--events" : "--skip-events", .. Common,
        .. Tables.SkippedTables.Select(t => $"--ignore-table={Database}.{t}"), Database,
    ];

    /// <summary>The views (by name) of a parallel copy's last pass; null when there are none.</summary>
    public static IReadOnlyList<string>? ViewsPassOptions(string database, IReadOnlyList<string> views) =>
        views.Count == 0 ? null : ["--no-data", "--skip-triggers", "--skip-routines", "--skip-events", .. Common, database, .. views];

    /// <summary>Runs both passes through <paramref name="client"/>, one after the other, into <paramref name="output"/>.</summary>
    public async Task WriteAsync(DatabaseClient client, Stream output, CancellationToken cancellationToken)
    {
        // Stripped tables first: the views and routines of the data pass may read them.
        if (StructurePassOptions() is { } structure) await client.DumpAsync(structure, output, cancellationToken).ConfigureAwait(false);
        await client.DumpAsync(DataPassOptions(), output, cancellationToken).ConfigureAwait(false);
    }
}
