using MySqlConnector;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// A database's views, triggers, routines and events as DDL, read with SHOW CREATE while the database is the
/// current one (so names inside stay unqualified), to be dropped and created again elsewhere:
/// RENAME TABLE moves tables between databases, but not views, and not tables that carry triggers.
/// </summary>
internal sealed class SchemaObjects
{
    private readonly List<(string Kind, string Name, string SqlMode, string Ddl)> _objects = [];

    public int Count => _objects.Count;

    public static async Task<SchemaObjects> ReadAsync(MySqlConnection connection, string database, CancellationToken cancellationToken)
    {
        var objects = new SchemaObjects();
        await SchemaQueries.ExecuteAsync(connection, "USE " + LocalDatabaseServer.QuoteIdentifier(database), cancellationToken).ConfigureAwait(false);
        foreach (var view in await SchemaQueries.StringsAsync(connection,
                     "SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = @db ORDER BY TABLE_NAME", database, cancellationToken).ConfigureAwait(false))
        {
            var row = await SchemaQueries.ShowAsync(connection, "SHOW CREATE VIEW " + LocalDatabaseServer.QuoteIdentifier(view), cancellationToken).ConfigureAwait(false);
            objects._objects.Add(("VIEW", view, "", row["Create View"]));
        }
        foreach (var trigger in await SchemaQueries.StringsAsync(connection,
                     "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = @db ORDER BY EVENT_OBJECT_TABLE, ACTION_ORDER", database, cancellationToken).ConfigureAwait(false))
        {
            var row = await SchemaQueries.ShowAsync(connection, "SHOW CREATE TRIGGER " + LocalDatabaseServer.QuoteIdentifier(trigger), cancellationToken).ConfigureAwait(false);
            objects._objects.Add(("TRIGGER", trigger, row["sql_mode"], row["SQL Original Statement"]));
        }
        await using (var command = new MySqlCommand(
                         "SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = @db ORDER BY ROUTINE_NAME", connection))
        {
            command.Parameters.AddWithValue("@db", database);
            var routines = new List<(string, string)>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) routines.Add((reader.GetString(0), reader.GetString(1)));
            foreach (var (kind, name) in routines)
            {
                var row = await SchemaQueries.ShowAsync(connection, $"SHOW CREATE {kind} {LocalDatabaseServer.QuoteIdentifier(name)}", cancellationToken).ConfigureAwait(false);
                objects._objects.Add((kind, name, row["sql_mode"], row[kind == "FUNCTION" ? "Create Function" : "Create Procedure"]));
            }
        }
        foreach (var name in await SchemaQueries.StringsAsync(connection,
                     "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = @db ORDER BY EVENT_NAME", database, cancellationToken).ConfigureAwait(false))
        {
            var row = await SchemaQueries.ShowAsync(connection, "SHOW CREATE EVENT " + LocalDatabaseServer.QuoteIdentifier(name), cancellationToken).ConfigureAwait(false);
            objects._objects.Add(("EVENT", name, row["sql_mode"], row["Create Event"]));
        }
        return objects;
    }

    /// <summary>Drops the triggers (which pin their tables to the database) and the views.</summary>
    public async Task DropTriggersAndViewsAsync(MySqlConnection connection, string database, CancellationToken cancellationToken)
    {
        foreach (var (kind, name, _, _) in _objects.Where(o => o.Kind is "TRIGGER" or "VIEW"))
            await SchemaQueries.ExecuteAsync(connection,
                $"DROP {kind} IF EXISTS {LocalDatabaseServer.QuoteIdentifier(database)}.{LocalDatabaseServer.QuoteIdentifier(name)}", cancellationToken).ConfigureAwait(false);
    }

    public async Task DropRoutinesAsync(MySqlConnection connection, string database, CancellationToken cancellationToken)
    {
        foreach (var (kind, name, _, _) in _objects.Where(o => o.Kind is "PROCEDURE" or "FUNCTION" or "EVENT"))
            await SchemaQueries.ExecuteAsync(connection,
                $"DROP {kind} IF EXISTS {LocalDatabaseServer.QuoteIdentifier(database)}.{LocalDatabaseServer.QuoteIdentifier(name)}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates everything in <paramref name="database"/>: routines, views (a view may read another, so
    /// those that fail are tried again while any succeeds), then triggers.
    /// </summary>
    public Task CreateAsync(MySqlConnection connection, string database, CancellationToken cancellationToken) =>
        CreateAsync(connection, database, _ => true, cancellationToken);

    /// <summary>Creates again the views and triggers that are gone from <paramref name="database"/> (a swap that failed half-way).</summary>
    public async Task RestoreTriggersAndViewsAsync(MySqlConnection connection, string database, CancellationToken cancellationToken)
    {
        var present = (await SchemaQueries.StringsAsync(connection,
            "SELECT CONCAT('TRIGGER ', TRIGGER_NAME) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = @db " +
            "UNION ALL SELECT CONCAT('VIEW ', TABLE_NAME) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = @db",
            database, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        await CreateAsync(connection, database, o => o.Kind is "TRIGGER" or "VIEW" && !present.Contains($"{o.Kind} {o.Name}"),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task CreateAsync(MySqlConnection connection, string database,
        Func<(string Kind, string Name, string SqlMode, string Ddl), bool> which, CancellationToken cancellationToken)
    {
        await SchemaQueries.ExecuteAsync(connection, "USE " + LocalDatabaseServer.QuoteIdentifier(database), cancellationToken).ConfigureAwait(false);
        var pending = _objects.Where(o => o.Kind is "PROCEDURE" or "FUNCTION")
            .Concat(_objects.Where(o => o.Kind == "VIEW"))
            .Concat(_objects.Where(o => o.Kind == "TRIGGER"))
            .Concat(_objects.Where(o => o.Kind == "EVENT")).Where(which).ToList();
        while (pending.Count > 0)
        {
            var failed = new List<(string Kind, string Name, string SqlMode, string Ddl)>();
            MySqlException? last = null;
            foreach (var o in pending)
            {
                try
                {
                    if (o.SqlMode.Length > 0 || o.Kind != "VIEW")
                        await SchemaQueries.ExecuteAsync(connection, $"SET SESSION sql_mode = '{o.SqlMode.Replace("'", "''")}'", cancellationToken).ConfigureAwait(false);
                    await SchemaQueries.ExecuteAsync(connection, o.Ddl, cancellationToken).ConfigureAwait(false);
                }
                catch (MySqlException e) when (o.Kind == "VIEW")
                {
                    failed.Add(o);
                    last = e;
                }
            }
            if (failed.Count == pending.Count) throw last!;
            pending = failed;
        }
        await SchemaQueries.ExecuteAsync(connection, "SET SESSION sql_mode = DEFAULT", cancellationToken).ConfigureAwait(false);
    }
}
