using MagentoCloud.Engine;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Transport;
using MySqlConnector;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>Copies between two databases of one real local MariaDB server, through the mariadb clients.</summary>
[Collection(LocalServerCollection.Name)]
public sealed class DatabaseTransferTests(LocalServerFixture server)
{
    private static readonly LocalTransport Local = new();

    [Fact]
    public async Task Sanitized_copy_leaves_no_source_personal_data_in_any_text_column_and_keeps_views_triggers_routines()
    {
        var source = await SeededSourceAsync();
        await ExecuteAsync(source, "CREATE EVENT purge_audit ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM audit");
        var destination = await server.NewDatabaseAsync("dst");
        await ExecuteAsync(destination, "CREATE TABLE stale (id int primary key) ENGINE=InnoDB", "INSERT INTO stale VALUES (1)",
            $"CREATE DATABASE `{destination.Database}__mc_import_deadbeef`"); // left by a copy killed outright

        var result = await CopyAsync(source, destination, TableSelection.All, SanitizeRules.BuiltIn);

        Assert.NotNull(result.Report);
        Assert.Equal(3, result.Report!.Tables.Single(t => t.Table == "customer_entity").Rows);
        Assert.Empty(await FindPersonalDataAsync(destination));
        Assert.Empty(await ScalarsAsync(destination, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'stale'"));
        Assert.Equal(["order_emails"], await ScalarsAsync(destination, "SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()"));
        Assert.Equal(["customer_entity_audit"], await ScalarsAsync(destination, "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()"));
        Assert.Equal(["purge_sessions"], await ScalarsAsync(destination, "SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()"));
        Assert.Equal(["purge_audit"], await ScalarsAsync(destination, "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()"));
        Assert.Equal(await ScalarsAsync(source, "SELECT COUNT(*) FROM sales_order"), await ScalarsAsync(destination, "SELECT COUNT(*) FROM order_emails"));
        // The trigger works in its new home.
        var audited = int.Parse((await ScalarsAsync(destination, "SELECT COUNT(*) FROM audit")).Single());
        await ExecuteAsync(destination, "INSERT INTO customer_entity (email, website_id) VALUES ('new@example.invalid', 1)");
        Assert.Equal([$"{audited + 1}"], await ScalarsAsync(destination, "SELECT COUNT(*) FROM audit"));
        Assert.Empty(await LeftoverSchemasAsync(destination));
    }

    [Fact]
    public async Task Strip_groups_give_structure_only_tables_and_exclude_leaves_tables_out()
    {
        var source = await SeededSourceAsync();
        var destination = await server.NewDatabaseAsync("dst");

        var result = await CopyAsync(source, destination, new TableSelection(strip: ["@customers @sales"], exclude: ["review_detail"]), SanitizeRules.None);

        Assert.Contains("customer_entity", result.Plan.Tables.StructureOnlyTables);
        Assert.Equal(["0", "0", "0"], await ScalarsAsync(destination,
            "SELECT COUNT(*) FROM customer_entity UNION ALL SELECT COUNT(*) FROM sales_order_grid UNION ALL SELECT COUNT(*) FROM newsletter_subscriber"));
        Assert.Equal(["1"], await ScalarsAsync(destination, "SELECT COUNT(*) FROM admin_user WHERE username = 'admin'"));
        Assert.Empty(await ScalarsAsync(destination, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'review_detail'"));
    }

    [Fact]
    public async Task Sql_error_half_way_through_the_import_leaves_the_destination_unchanged()
    {
        var source = await SeededSourceAsync();
        var destination = await SeededSourceAsync(); // a destination with content of its own
        await ExecuteAsync(destination, "UPDATE customer_entity SET firstname = 'Kept'");
        var before = await FingerprintAsync(destination);

        // A rule that gives every admin the same username: the unique key refuses the second row, mid-import.
        var broken = SanitizeRules.Parse("tables:\n  admin_user:\n    columns:\n      username: { fixed: 'same' }\n", "test");
        var error = await Assert.ThrowsAsync<CloudException>(() => CopyAsync(source, destination, TableSelection.All, broken));

        Assert.Equal(CloudErrorId.ImportFailed, error.Id);
        Assert.Equal(before, await FingerprintAsync(destination));
        Assert.Empty(await LeftoverSchemasAsync(destination));
    }

    [Theory]
    [InlineData("LOCK TABLES customer_entity WRITE")]
    [InlineData("START TRANSACTION; SELECT COUNT(*) FROM sales_order")] // an open transaction holds what it read
    public async Task Swap_gives_up_on_a_session_holding_a_destination_table_and_leaves_the_destination_unchanged(string hold)
    {
        var source = await SeededSourceAsync();
        var destination = await SeededSourceAsync();
        await ExecuteAsync(destination, "UPDATE customer_entity SET firstname = 'Kept'");
        var before = await FingerprintAsync(destination);
        StagingSchema.LockWaitSeconds = 1;

        CloudException error;
        await using (await HoldAsync(destination, hold))
            error = await Assert.ThrowsAsync<CloudException>(() => CopyAsync(source, destination, TableSelection.All, SanitizeRules.None));

        Assert.Equal(CloudErrorId.ImportFailed, error.Id);
        Assert.Contains("another session holds a lock on its tables", error.Message);
        Assert.Contains("SHOW PROCESSLIST", error.Message);
        Assert.Equal(before, await FingerprintAsync(destination));
        Assert.Empty(await LeftoverSchemasAsync(destination));
    }

    [Fact]
    public async Task A_swap_failing_half_way_puts_back_the_views_and_triggers_it_had_dropped()
    {
        var destination = await SeededSourceAsync();
        var before = await FingerprintAsync(destination);
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(destination));
        await connection.OpenAsync();
        var objects = await SchemaObjects.ReadAsync(connection, destination.Database, CancellationToken.None);
        await ExecuteAsync(destination, "DROP VIEW order_emails"); // dropped before the failure; the trigger was not

        await objects.RestoreTriggersAndViewsAsync(connection, destination.Database, CancellationToken.None);

        Assert.Equal(before, await FingerprintAsync(destination));
    }

    [Fact]
    public async Task Cancelling_mid_stream_leaves_the_destination_unchanged()
    {
        var source = await BigSourceAsync(server, "big");
        var destination = await SeededSourceAsync();
        var before = await FingerprintAsync(destination);

        using var cancel = new CancellationTokenSource();
        var observer = new CancelOnProgress(cancel, megabytes: 10);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DatabaseTransfer.CopyAsync(
            source, new DatabaseClient(Local, source), destination, new DatabaseClient(Local, destination),
            TableSelection.All, SanitizeRules.BuiltIn, "copy", observer, cancel.Token));

        Assert.True(observer.Cancelled);
        Assert.Equal(before, await FingerprintAsync(destination));
        Assert.Empty(await LeftoverSchemasAsync(destination));
    }

    [Fact]
    public async Task Destination_client_dying_mid_import_leaves_the_destination_unchanged()
    {
        var source = await BigSourceAsync(server, "bigkill");
        var destination = await SeededSourceAsync();
        var before = await FingerprintAsync(destination);

        // The destination's connections fail mid-stream: the loaders' connections are killed outright.
        var observer = new KillLoadersOnProgress(destination, megabytes: 10);
        await Assert.ThrowsAnyAsync<CloudException>(() => DatabaseTransfer.CopyAsync(
            source, new DatabaseClient(Local, source), destination, new DatabaseClient(Local, destination),
            TableSelection.All, SanitizeRules.BuiltIn, "copy", observer, CancellationToken.None));

        Assert.True(observer.Killed, observer.Diagnostic);
        Assert.Equal(before, await FingerprintAsync(destination));
        Assert.Empty(await LeftoverSchemasAsync(destination));
    }

    [Fact]
    public async Task Import_of_a_dump_that_names_its_database_stays_in_the_destination()
    {
        var destination = await server.NewDatabaseAsync("dst");
        var other = destination.Database + "_named";
        var dump = $"CREATE DATABASE /*!32312 IF NOT EXISTS*/ `{other}` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;\n\nUSE `{other}`;\n" +
                   "CREATE TABLE `t` (\n  `id` int(11) NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\nINSERT INTO `t` VALUES (1),(2);\n";

        var report = await DatabaseTransfer.ImportAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(dump)), destination,
            new DatabaseClient(Local, destination), SanitizeRules.None, "import", SilentObserver.Instance, CancellationToken.None);

        Assert.Equal(2, report.DatabaseStatementsDropped);
        Assert.Equal(["2"], await ScalarsAsync(destination, "SELECT COUNT(*) FROM t"));
        Assert.Empty(await ScalarsAsync(destination, $"SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '{other}'"));
    }

    [Fact]
    public async Task Empty_source_copies_nothing_and_leaves_the_destination_alone()
    {
        var source = await server.NewDatabaseAsync("empty");
        var destination = await SeededSourceAsync();
        var before = await FingerprintAsync(destination);

        var result = await CopyAsync(source, destination, TableSelection.All, SanitizeRules.BuiltIn);

        Assert.True(result.Plan.IsEmpty);
        Assert.Null(result.Report);
        Assert.Equal(before, await FingerprintAsync(destination));
    }

    internal static Task<TransferResult> CopyAsync(DatabaseEndpoint source, DatabaseEndpoint destination, TableSelection selection, SanitizeRules rules) =>
        DatabaseTransfer.CopyAsync(source, new DatabaseClient(Local, source), destination, new DatabaseClient(Local, destination),
            selection, rules, "copy", SilentObserver.Instance, CancellationToken.None);

    /// <summary>The sanitizing test's Magento tables, rows, trigger, view and procedure, in a new database.</summary>
    internal async Task<DatabaseEndpoint> SeededSourceAsync()
    {
        var endpoint = await server.NewDatabaseAsync("src");
        await SeedAsync(endpoint);
        return endpoint;
    }

    internal static async Task SeedAsync(DatabaseEndpoint endpoint)
    {
        var schema = SanitizedCopyTests.Schema.Replace("DEFINER=`ghost`@`nowhere` ", "");
        var split = schema.IndexOf("CREATE PROCEDURE", StringComparison.Ordinal);
        var statements = schema[..split].Split(";\n", StringSplitOptions.RemoveEmptyEntries)
            .Append(schema[split..].TrimEnd().TrimEnd(';')).Append(SanitizedCopyTests.Rows).ToArray();
        await ExecuteAsync(endpoint, statements);
    }

    internal static async Task<List<string>> FindPersonalDataAsync(DatabaseEndpoint endpoint)
    {
        var columns = await PairsAsync(endpoint,
            "SELECT c.TABLE_NAME, c.COLUMN_NAME FROM information_schema.COLUMNS c JOIN information_schema.TABLES t " +
            "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME AND t.TABLE_TYPE = 'BASE TABLE' " +
            "WHERE c.TABLE_SCHEMA = DATABASE() AND c.DATA_TYPE IN ('char','varchar','tinytext','text','mediumtext','longtext','blob','mediumblob','longblob','varbinary','binary','json')");
        Assert.True(columns.Count > 100, $"only {columns.Count} text columns found");
        var found = new List<string>();
        foreach (var (table, column) in columns)
            foreach (var value in await ScalarsAsync(endpoint, $"SELECT CAST(`{column}` AS CHAR CHARACTER SET utf8mb4) FROM `{table}` WHERE `{column}` IS NOT NULL"))
                found.AddRange(SanitizedCopyTests.Personal.Where(p => value.Contains(p, StringComparison.Ordinal)).Select(p => $"{table}.{column}: {p}"));
        return found;
    }

    /// <summary>Every table's CHECKSUM and the names of views, triggers and routines: equal means unchanged.</summary>
    internal static async Task<string> FingerprintAsync(DatabaseEndpoint endpoint)
    {
        var tables = await ScalarsAsync(endpoint, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1");
        var parts = new List<string>();
        foreach (var table in tables)
            parts.Add(table + "=" + (await PairsAsync(endpoint, $"CHECKSUM TABLE `{table}` EXTENDED")).Single().Item2);
        parts.AddRange(await ScalarsAsync(endpoint,
            "SELECT CONCAT('view ', TABLE_NAME) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() " +
            "UNION ALL SELECT CONCAT('trigger ', TRIGGER_NAME) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() " +
            "UNION ALL SELECT CONCAT('routine ', ROUTINE_NAME) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY 1"));
        return string.Join("\n", parts);
    }

    /// <summary>
    /// A session of its own that has run <paramref name="sql"/> and holds what it took (locks, a transaction) until
    /// disposed. Not pooled: a pooled session would go on holding them after dispose.
    /// </summary>
    internal static async Task<MySqlConnection> HoldAsync(DatabaseEndpoint endpoint, string sql)
    {
        var holder = new MySqlConnection(new MySqlConnectionStringBuilder(LocalDatabaseServer.ConnectionString(endpoint)) { Pooling = false }.ConnectionString);
        await holder.OpenAsync();
        await using var command = new MySqlCommand(sql, holder);
        await command.ExecuteNonQueryAsync();
        return holder;
    }

    internal static Task<List<string>> LeftoverSchemasAsync(DatabaseEndpoint endpoint) =>
        ScalarsAsync(endpoint, $"SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '{endpoint.Database}\\_\\_mc\\_%'");

    internal static async Task ExecuteAsync(DatabaseEndpoint endpoint, params string[] statements)
    {
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint));
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new MySqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    internal static async Task<List<string>> ScalarsAsync(DatabaseEndpoint endpoint, string sql) =>
        (await PairsAsync(endpoint, sql)).Select(p => p.Item1).ToList();

    private static async Task<List<(string, string)>> PairsAsync(DatabaseEndpoint endpoint, string sql)
    {
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint));
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
            rows.Add((Convert.ToString(reader.GetValue(0)) ?? "", reader.FieldCount > 1 ? Convert.ToString(reader.GetValue(1)) ?? "" : ""));
        return rows;
    }

    /// <summary>A source of about 80 MB in two tables: a copy long enough to strike mid-stream.</summary>
    internal static async Task<DatabaseEndpoint> BigSourceAsync(LocalServerFixture server, string name)
    {
        var source = await server.NewDatabaseAsync(name);
        await ExecuteAsync(source,
            "CREATE TABLE a (id int primary key, v text) ENGINE=InnoDB",
            "INSERT INTO a SELECT seq, REPEAT('x', 2000) FROM seq_1_to_20000",
            "CREATE TABLE b (id int primary key, v text) ENGINE=InnoDB",
            "INSERT INTO b SELECT seq, REPEAT('y', 2000) FROM seq_1_to_20000");
        return source;
    }

    internal sealed class CancelOnProgress(CancellationTokenSource cancel, int megabytes) : ActOnceAtMegabytes(megabytes)
    {
        public bool Cancelled { get; private set; }

        protected override void Act()
        {
            Cancelled = true;
            cancel.Cancel();
        }
    }

    /// <summary>Kills, once, the connections loading rows into the staging schema of <paramref name="destination"/>, when the copy has moved that many MB.</summary>
    private sealed class KillLoadersOnProgress(DatabaseEndpoint destination, int megabytes) : ActOnceAtMegabytes(megabytes)
    {
        public bool Killed { get; private set; }

        public string Diagnostic => Killed ? "" : "no loader was sending rows";

        protected override void Act() => Killed = LoaderConnections.Kill(destination, newestOnly: false);
    }
}
