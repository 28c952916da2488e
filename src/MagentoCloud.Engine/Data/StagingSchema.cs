using System.Security.Cryptography;
using System.Text;
using MySqlConnector;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// A fresh schema beside the destination database that an import writes into, so the destination
/// is never seen half-imported. When the import has fully succeeded, <see cref="SwapInAsync"/> moves
/// every table in with one multi-table RENAME TABLE (the old ones go to a schema of their own, then
/// are dropped) and creates the views, triggers and routines again; on any failure
/// <see cref="DropAsync"/> removes it and the destination is as it was.
/// </summary>
public sealed class StagingSchema
{
    private readonly DatabaseEndpoint _endpoint;
    private readonly string _id;

    private StagingSchema(DatabaseEndpoint endpoint, string id)
    {
        _endpoint = endpoint;
        _id = id;
        Name = SchemaName(endpoint.Database, "import", id);
    }

    /// <summary>The staging schema's name, <c>&lt;db&gt;__mc_import_&lt;id&gt;</c>.</summary>
    public string Name { get; }

    /// <summary>The destination database.</summary>
    public string Database => _endpoint.Database;

    /// <summary>Creates the staging schema (and the destination database if it does not exist yet).</summary>
    public static async Task<StagingSchema> CreateAsync(DatabaseEndpoint destination, CancellationToken cancellationToken)
    {
        var staging = new StagingSchema(destination, Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant());
        await using var connection = await staging.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Only when it is missing: on an existing database even IF NOT EXISTS waits for every open transaction in it.
        var charset = await CharsetAsync(connection, destination.Database, cancellationToken).ConfigureAwait(false);
        if (charset is null)
        {
            await SchemaQueries.ExecuteAsync(connection,
                $"CREATE DATABASE IF NOT EXISTS {Quote(destination.Database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci", cancellationToken).ConfigureAwait(false);
            charset = await CharsetAsync(connection, destination.Database, cancellationToken).ConfigureAwait(false);
        }
        // Schemas a copy killed outright left behind (the environment's activity lock keeps two copies from meeting here).
        foreach (var stale in await SchemaQueries.StringsAsync(connection,
                     "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE CONCAT(REPLACE(REPLACE(@db, '_', '\\_'), '%', '\\%'), '\\_\\_mc\\_%')",
                     destination.Database, cancellationToken).ConfigureAwait(false))
            await SchemaQueries.ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {Quote(stale)}", cancellationToken).ConfigureAwait(false);
        await SchemaQueries.ExecuteAsync(connection, $"CREATE DATABASE {Quote(staging.Name)} CHARACTER SET {charset}", cancellationToken).ConfigureAwait(false);
        return staging;
    }

    /// <summary>The database's character set and collation (<c>utf8mb4 COLLATE utf8mb4_general_ci</c>); null when it does not exist.</summary>
    private static async Task<string?> CharsetAsync(MySqlConnection connection, string database, CancellationToken cancellationToken) =>
        (await SchemaQueries.StringsAsync(connection,
            "SELECT CONCAT(DEFAULT_CHARACTER_SET_NAME, ' COLLATE ', DEFAULT_COLLATION_NAME) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = @db",
            database, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>Runs the import client into the staging schema with <paramref name="dump"/> as its input.</summary>
    public Task ImportAsync(DatabaseClient client, Stream dump, CancellationToken cancellationToken) =>
        client.ImportAsync(Name, dump, cancellationToken);

    /// <summary>
    /// Loads rows (statements as mariadb-dump writes them) into the staging schema: when <paramref name="client"/> runs on this
    /// machine, over a connection of this process (no import client, no pipe into one), with unique and foreign-key checks off in that
    /// session only; on a remote host, through its import client, with the session settings the rows' stream carries (the dump's
    /// header; ParallelLoad's loaders put them first).
    /// </summary>
    public async Task LoadRowsAsync(DatabaseClient client, Stream rows, CancellationToken cancellationToken)
    {
        if (client.Transport is not Transport.LocalTransport)
        {
            await ImportAsync(client, rows, cancellationToken).ConfigureAwait(false);
            return;
        }
        try
        {
            await using var connection = await OpenInsideAsync(cancellationToken).ConfigureAwait(false);
            // A stopped copy must not wait for a reply that never comes (seen once: the loader's session idle on the server
            // while the client awaited a result, after another stream failed): stopped, the connection is closed after a
            // grace period, which ends the wait.
            using var closeWhenStopped = cancellationToken.Register(() => _ = CloseLaterAsync(connection));
            await SchemaQueries.ExecuteAsync(connection, "SET SESSION unique_checks = 0, foreign_key_checks = 0", cancellationToken).ConfigureAwait(false);
            await StatementLoader.RunAsync(connection, rows, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is MySqlException or IOException or System.Net.Sockets.SocketException or InvalidOperationException or DecoderFallbackException)
        {
            cancellationToken.ThrowIfCancellationRequested(); // stopped: the connection closed under it is not the failure
            var detail = e is MySqlException m ? $"ERROR {m.Number} ({m.SqlState}): {m.Message}" : e.Message;
            throw DatabaseClient.ImportFailure(_endpoint.WithDatabase(Name), "this machine", detail, null, Database, e);
        }
    }

    private static async Task CloseLaterAsync(MySqlConnection connection)
    {
        await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        try { await connection.CloseAsync().ConfigureAwait(false); }
        catch (Exception) { /* ended meanwhile: nothing to close */ }
    }

    private static readonly AsyncLocal<int?> LockWaitHere = new();

    /// <summary>
    /// Seconds the swap waits for a session that holds a destination table (a long transaction, a LOCK TABLES, a
    /// backup) before it gives up: a busy destination must not hang a copy. Set here, it holds for this async flow only.
    /// </summary>
    internal static int LockWaitSeconds
    {
        get => LockWaitHere.Value ?? 60;
        set => LockWaitHere.Value = value;
    }

    /// <summary>
    /// Puts the staged tables, views, triggers and routines in place of the destination's. The tables
    /// change in one atomic RENAME; the destination's triggers and views come back if that fails.
    /// </summary>
    public async Task<int> SwapInAsync(CancellationToken cancellationToken)
    {
        var old = SchemaName(Database, "old", _id);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await SchemaQueries.ExecuteAsync(connection, $"SET SESSION lock_wait_timeout = {LockWaitSeconds}", cancellationToken).ConfigureAwait(false);
        var staged = await SchemaObjects.ReadAsync(connection, Name, cancellationToken).ConfigureAwait(false);
        var current = await SchemaObjects.ReadAsync(connection, Database, cancellationToken).ConfigureAwait(false);
        var stagedTables = await BaseTablesAsync(connection, Name, cancellationToken).ConfigureAwait(false);
        var currentTables = await BaseTablesAsync(connection, Database, cancellationToken).ConfigureAwait(false);

        await WaitForTheTablesAsync(connection, currentTables, cancellationToken).ConfigureAwait(false);
        await staged.DropTriggersAndViewsAsync(connection, Name, cancellationToken).ConfigureAwait(false);
        await SchemaQueries.ExecuteAsync(connection, $"CREATE DATABASE {Quote(old)}", cancellationToken).ConfigureAwait(false);
        // From here on the destination changes: finish even when cancelled, so it is never left between states.
        var none = CancellationToken.None;
        var moves = currentTables.Select(t => $"{Quote(Database)}.{Quote(t)} TO {Quote(old)}.{Quote(t)}")
            .Concat(stagedTables.Select(t => $"{Quote(Name)}.{Quote(t)} TO {Quote(Database)}.{Quote(t)}")).ToList();
        try
        {
            await current.DropTriggersAndViewsAsync(connection, Database, none).ConfigureAwait(false);
            if (moves.Count > 0) await SchemaQueries.ExecuteAsync(connection, "RENAME TABLE " + string.Join(", ", moves), none).ConfigureAwait(false);
        }
        catch (MySqlException e)
        {
            // A session took a lock since the wait above. What was dropped comes back, however long that takes.
            await SchemaQueries.ExecuteAsync(connection, "SET SESSION lock_wait_timeout = DEFAULT", none).ConfigureAwait(false);
            await current.RestoreTriggersAndViewsAsync(connection, Database, none).ConfigureAwait(false);
            await SchemaQueries.ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {Quote(old)}", none).ConfigureAwait(false);
            throw e.ErrorCode == MySqlErrorCode.LockWaitTimeout ? Busy(e) : new CloudException(CloudErrorId.ImportFailed,
                $"Could not swap the imported tables into {Database}: {e.Message} The destination was left unchanged.", Database, e);
        }
        // The tables are in: the rest must follow, however long a lock holds it up.
        await SchemaQueries.ExecuteAsync(connection, "SET SESSION lock_wait_timeout = DEFAULT", none).ConfigureAwait(false);
        await current.DropRoutinesAsync(connection, Database, none).ConfigureAwait(false);
        await staged.CreateAsync(connection, Database, none).ConfigureAwait(false);
        await SchemaQueries.ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {Quote(old)}", none).ConfigureAwait(false);
        await SchemaQueries.ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {Quote(Name)}", none).ConfigureAwait(false);
        return stagedTables.Count;
    }

    /// <summary>Drops the staging schema; the destination is untouched. Never throws for a schema already gone.</summary>
    public async Task DropAsync()
    {
        await using var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await SchemaQueries.ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {Quote(Name)}", CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes every destination table once and lets go (LOCK TABLES waits for all or none), so that nothing has changed
    /// when a session's lock makes the swap give up. A user without the LOCK TABLES privilege goes on without it.
    /// </summary>
    private async Task WaitForTheTablesAsync(MySqlConnection connection, List<string> tables, CancellationToken cancellationToken)
    {
        if (tables.Count == 0) return;
        try
        {
            await SchemaQueries.ExecuteAsync(connection,
                "LOCK TABLES " + string.Join(", ", tables.Select(t => $"{Quote(Database)}.{Quote(t)} WRITE")), cancellationToken).ConfigureAwait(false);
            await SchemaQueries.ExecuteAsync(connection, "UNLOCK TABLES", cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.LockWaitTimeout)
        {
            throw Busy(e);
        }
        catch (MySqlException e) when (e.ErrorCode is MySqlErrorCode.DatabaseAccessDenied or MySqlErrorCode.TableAccessDenied)
        {
        }
    }

    private CloudException Busy(MySqlException e) => new(CloudErrorId.ImportFailed,
        $"Could not swap the imported tables into {Database}: another session holds a lock on its tables and did not let go within " +
        $"{LockWaitSeconds} s ({e.Message}). The destination was left unchanged. Find that session with SHOW PROCESSLIST on its " +
        "server (a long transaction or query, a LOCK TABLES, a backup), end it or let it finish, then run the copy again.", Database, e);

    /// <summary>A connection of its own whose default database is the staging schema: for a load's CREATE TABLEs.</summary>
    internal Task<MySqlConnection> OpenInsideAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken, Name);

    private async Task<MySqlConnection> OpenAsync(CancellationToken cancellationToken, string database = "")
    {
        // Pooling off: a pooled session would keep this one's USE and sql_mode.
        var builder = new MySqlConnectionStringBuilder(LocalDatabaseServer.ConnectionString(_endpoint with { Database = database })) { Pooling = false };
        var connection = new MySqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static Task<List<string>> BaseTablesAsync(MySqlConnection connection, string database, CancellationToken cancellationToken) =>
        SchemaQueries.StringsAsync(connection,
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = @db AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
            database, cancellationToken);

    /// <summary><c>&lt;db&gt;__mc_&lt;what&gt;_&lt;id&gt;</c>, kept inside MariaDB's 64 characters.</summary>
    internal static string SchemaName(string database, string what, string id)
    {
        var suffix = $"__mc_{what}_{id}";
        if (database.Length + suffix.Length <= 64) return database + suffix;
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(database)))[..6].ToLowerInvariant();
        return database[..(64 - suffix.Length - 7)] + "_" + hash + suffix;
    }

    private static string Quote(string name) => LocalDatabaseServer.QuoteIdentifier(name);
}
