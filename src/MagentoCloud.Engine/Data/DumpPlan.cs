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

    /// <summary>Runs both passes through <paramref name="client"/>, one after the other, into <paramref name="output"/>.</summary>
    public async Task WriteAsync(DatabaseClient client, Stream output, CancellationToken cancellationToken)
    {
        // Stripped tables first: the views and routines of the data pass may read them.
        if (StructurePassOptions() is { } structure) await client.DumpAsync(structure, output, cancellationToken).ConfigureAwait(false);
        await client.DumpAsync(DataPassOptions(), output, cancellationToken).ConfigureAwait(false);
    }
}
