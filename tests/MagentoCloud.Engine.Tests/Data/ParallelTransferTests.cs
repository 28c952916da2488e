using System.Text;
using MagentoCloud.Engine;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Transport;
using MySqlConnector;
using static MagentoCloud.Engine.Tests.Data.DatabaseTransferTests;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>Copies over several streams on the real local MariaDB server: one consistent snapshot, key ranges, the fallback.</summary>
[Collection(LocalServerCollection.Name)]
public sealed class ParallelTransferTests(LocalServerFixture server)
{
    private static readonly LocalTransport Local = new();

    [Fact]
    public async Task Streams_read_one_state_of_the_source_while_a_writer_moves_amounts_between_tables()
    {
        var source = await server.NewDatabaseAsync("ledger");
        // Two tables of the same size: they go to different streams, whose dump clients start one after the other.
        await ExecuteAsync(source,
            "CREATE TABLE ledger_a (id int primary key, amount int not null, pad text) ENGINE=InnoDB",
            "INSERT INTO ledger_a SELECT seq, 1000, REPEAT('a', 1000) FROM seq_1_to_4000",
            "CREATE TABLE ledger_b (id int primary key, amount int not null, pad text) ENGINE=InnoDB",
            "INSERT INTO ledger_b SELECT seq, 1000, REPEAT('b', 1000) FROM seq_1_to_4000");
        var destination = await server.NewDatabaseAsync("ledgercopy");

        using var stop = new CancellationTokenSource();
        var moves = 0;
        var writer = Task.Run(async () =>
        {
            await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(source));
            await connection.OpenAsync();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    await using var move = new MySqlCommand(
                        $"START TRANSACTION; UPDATE ledger_a SET amount = amount - 1 WHERE id = {i % 4000 + 1}; " +
                        $"UPDATE ledger_b SET amount = amount + 1 WHERE id = {i % 4000 + 1}; COMMIT", connection);
                    await move.ExecuteNonQueryAsync();
                    Interlocked.Increment(ref moves);
                }
                catch (MySqlException)
                {
                    await using var rollback = new MySqlCommand("ROLLBACK", connection);
                    await rollback.ExecuteNonQueryAsync();
                }
            }
        });
        try
        {
            while (Volatile.Read(ref moves) < 50) await Task.Delay(10);
            for (var copy = 0; copy < 3; copy++)
            {
                var result = await CopyAsync(source, destination, streams: 2);

                Assert.Equal(2, result.Streams);
                Assert.Equal(["8000000"], await ScalarsAsync(destination, "SELECT (SELECT SUM(amount) FROM ledger_a) + (SELECT SUM(amount) FROM ledger_b)"));
            }
        }
        finally
        {
            stop.Cancel();
            await writer;
        }
        Assert.True(moves > 100, $"the writer moved only {moves} amounts");
    }

    [Fact]
    public async Task Streams_give_one_value_the_same_fake_in_every_table_and_keep_the_first_admin_and_its_role()
    {
        var source = await server.NewDatabaseAsync("src");
        await SeedAsync(source);
        var destination = await server.NewDatabaseAsync("dst");

        var result = await CopyAsync(source, destination, streams: 8);

        Assert.Equal(8, result.Streams);
        Assert.Empty(await FindPersonalDataAsync(destination));
        var emails = await ScalarsAsync(destination,
            "SELECT email FROM customer_entity WHERE entity_id = 1 UNION ALL SELECT customer_email FROM quote WHERE entity_id = 1 " +
            "UNION ALL SELECT customer_email FROM sales_order WHERE entity_id = 1 UNION ALL SELECT customer_email FROM sales_order_grid WHERE entity_id = 1 " +
            "UNION ALL SELECT email FROM customer_grid_flat WHERE entity_id = 1 UNION ALL SELECT subscriber_email FROM newsletter_subscriber");
        Assert.Single(emails.Distinct());
        Assert.Equal(["admin"], await ScalarsAsync(destination, "SELECT username FROM admin_user WHERE user_id = 1"));
        Assert.Equal(["0"], await ScalarsAsync(destination,
            "SELECT COUNT(*) FROM authorization_role r LEFT JOIN admin_user u ON u.user_id = r.user_id WHERE r.role_type = 'U' AND NOT (r.role_name <=> u.username)"));
        Assert.Equal(["admin"], await ScalarsAsync(destination, "SELECT role_name FROM authorization_role WHERE role_type = 'U' AND user_id = 1"));
    }

    [Fact]
    public async Task Large_tables_cut_into_key_ranges_arrive_whole()
    {
        var source = await BigSourceAsync(server, "ranges");
        await ExecuteAsync(source, "CREATE TABLE small (id int primary key, v varchar(10))", "INSERT INTO small VALUES (1, 'one'), (2, 'two')",
            "ANALYZE TABLE a, b"); // the plan sizes tables by their statistics
        var destination = await server.NewDatabaseAsync("rangescopy");

        var result = await CopyAsync(source, destination, streams: 2);

        Assert.Equal(2, result.Streams);
        Assert.Contains(result.Notes, n => n.Contains("where `id` >=", StringComparison.Ordinal) || n.Contains("where `id` <", StringComparison.Ordinal));
        Assert.Equal(40002, result.Report!.Rows);
        Assert.Equal(await FingerprintAsync(source), await FingerprintAsync(destination));
        Assert.Empty(await LeftoverSchemasAsync(destination));
    }

    [Fact]
    public async Task Progress_counts_each_table_as_its_streams_get_past_it_cut_tables_and_empty_ones_too()
    {
        var source = await BigSourceAsync(server, "progress");
        await ExecuteAsync(source, "CREATE TABLE small (id int primary key, v varchar(10))", "INSERT INTO small VALUES (1, 'one'), (2, 'two')",
            "CREATE TABLE other (id int primary key)", "INSERT INTO other VALUES (1)", "CREATE TABLE empty_one (id int primary key)",
            "ANALYZE TABLE a, b"); // the plan sizes tables by their statistics: a and b are cut into key ranges
        var destination = await server.NewDatabaseAsync("progresscopy");
        var reports = new List<OperationProgress>();

        var result = await DatabaseTransfer.CopyAsync(source, new DatabaseClient(Local, source), destination, new DatabaseClient(Local, destination),
            TableSelection.All, SanitizeRules.BuiltIn, "copy", new RecordingObserver(reports), CancellationToken.None, 2);

        Assert.Equal(2, result.Streams);
        Assert.Contains(result.Notes, n => n.Contains("where `id` >=", StringComparison.Ordinal));
        List<int> counts;
        lock (reports)
            counts = reports.Where(r => !r.Completed && r.Status.Contains(" of 5 tables", StringComparison.Ordinal))
                .Select(r => int.Parse(r.Status[..r.Status.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture))
                .ToList();
        // Tables are reported one by one as they are loaded (not a stream's all at once), and every one is, before the swap.
        Assert.Equal(5, counts.Max());
        Assert.True(counts.Where(c => c > 0).Distinct().Count() >= 3, string.Join(", ", counts));
        // The notes time tables, not streams: a large one comes first (the second may lose to a small one on a busy machine).
        Assert.Contains(result.Notes, n => System.Text.RegularExpressions.Regex.IsMatch(n, @"^Slowest tables [^:]*: (a|b) [0-9.]+ s; [a-z_]+ [0-9.]+ s"));
    }

    [Fact]
    public async Task Progress_of_a_parallel_copy_counts_the_rows_and_names_the_tables_going_through_with_their_rows_and_bytes()
    {
        var source = await BigSourceAsync(server, "progressrows");
        await ExecuteAsync(source, "ANALYZE TABLE a, b"); // cut into key ranges: several streams carry rows of one table
        var destination = await server.NewDatabaseAsync("progressrowscopy");
        var reports = new List<OperationProgress>();

        var result = await DatabaseTransfer.CopyAsync(source, new DatabaseClient(Local, source), destination, new DatabaseClient(Local, destination),
            TableSelection.All, SanitizeRules.BuiltIn, "copy", new RecordingObserver(reports), CancellationToken.None, 2);

        Assert.Equal(2, result.Streams);
        List<string> statuses;
        lock (reports) statuses = reports.Where(r => !r.Completed).Select(r => r.Status).ToList();
        var rows = statuses.Select(s => System.Text.RegularExpressions.Regex.Match(s, @"tables, ([0-9,]+) rows,")).Where(m => m.Success)
            .Select(m => long.Parse(m.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        // Before the fix every report of a parallel copy said 0 rows.
        Assert.Equal(result.Report!.Rows, rows.Max());
        Assert.Contains(statuses, s => System.Text.RegularExpressions.Regex.IsMatch(s, @"; (a|b) [1-9][0-9,]* rows [0-9]+ MB"));
    }

    private sealed class RecordingObserver(List<OperationProgress> progress) : IOperationObserver
    {
        public void Progress(OperationProgress report) { lock (progress) progress.Add(report); }
        public void Log(string line) { }
        public void Warning(string message) { }
    }

    [Fact]
    public async Task A_large_table_with_first_row_rules_is_never_cut_so_only_its_first_row_is_kept()
    {
        var source = await server.NewDatabaseAsync("admins");
        await ExecuteAsync(source,
            "CREATE TABLE admin_user (user_id int primary key, firstname varchar(32), lastname varchar(32), email varchar(128), " +
            "username varchar(40), password varchar(255), extra text) ENGINE=InnoDB",
            "INSERT INTO admin_user SELECT seq, 'First', 'Last', CONCAT('admin', seq, '@shop.test'), CONCAT('admin', seq), 'secret', " +
            "REPEAT('x', 2000) FROM seq_1_to_20000",
            "CREATE TABLE small (id int primary key) ENGINE=InnoDB", "INSERT INTO small VALUES (1)",
            "ANALYZE TABLE admin_user"); // the plan sizes tables by their statistics
        var destination = await server.NewDatabaseAsync("dst");

        var result = await CopyAsync(source, destination, streams: 2);

        Assert.Equal(2, result.Streams);
        Assert.Equal(["admin1"], await ScalarsAsync(destination, "SELECT username FROM admin_user WHERE username = CONCAT('admin', user_id)"));
    }

    [Fact]
    public async Task An_export_over_two_streams_is_one_ordinary_dump_that_imports_as_the_source_and_leaves_no_part_files()
    {
        var source = await BigSourceAsync(server, "export");
        await ExecuteAsync(source, "CREATE TABLE small (id int primary key, v varchar(10))", "INSERT INTO small VALUES (1, 'one'), (2, 'two')",
            "CREATE VIEW small_view AS SELECT id FROM small", "ANALYZE TABLE a, b");
        var spool = Directory.CreateTempSubdirectory("mc-export-").FullName;
        using var dump = new MemoryStream();

        var result = await DatabaseTransfer.ExportAsync(source, new DatabaseClient(Local, source), TableSelection.All, SanitizeRules.None, dump,
            "export", SilentObserver.Instance, CancellationToken.None, spool, throttleLimit: 2);

        Assert.Equal(2, result.Streams);
        Assert.Contains(result.Notes, n => n.StartsWith("Exported over 2 streams", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(spool));
        var imported = await server.NewDatabaseAsync("exportimport");
        dump.Position = 0;
        var report = await DatabaseTransfer.ImportAsync(dump, imported, new DatabaseClient(Local, imported), SanitizeRules.None, "import",
            SilentObserver.Instance, CancellationToken.None);
        Assert.Equal(40002, report.Rows);
        Assert.Equal(await FingerprintAsync(source), await FingerprintAsync(imported));
        Assert.Equal(["1", "2"], await ScalarsAsync(imported, "SELECT id FROM small_view ORDER BY id"));
        Directory.Delete(spool, recursive: true);
    }

    [Fact]
    public async Task Ctrl_C_mid_export_over_two_streams_leaves_no_part_files()
    {
        var (source, spool) = await CutSourceAndSpoolAsync("exportcancel");
        using var cancel = new CancellationTokenSource();
        var observer = new CancelOnProgress(cancel, megabytes: 10);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DatabaseTransfer.ExportAsync(source, new DatabaseClient(Local, source),
            TableSelection.All, SanitizeRules.None, Stream.Null, "export", observer, cancel.Token, spool, throttleLimit: 2));

        Assert.True(observer.Cancelled);
        Assert.Empty(Directory.GetFiles(spool));
        Directory.Delete(spool, recursive: true);
    }

    [Fact]
    public async Task One_stream_s_dump_dying_mid_export_fails_it_and_leaves_no_part_files()
    {
        var (source, spool) = await CutSourceAndSpoolAsync("exportdies");
        using var done = new CancellationTokenSource();
        var killer = KillOneRangeDumpAsync(source, done.Token);

        var error = await Record.ExceptionAsync(() => DatabaseTransfer.ExportAsync(source, new DatabaseClient(Local, source), TableSelection.All,
            SanitizeRules.None, Stream.Null, "export", SilentObserver.Instance, CancellationToken.None, spool, throttleLimit: 2));
        done.Cancel();

        Assert.True(await killer, "no stream's dump client could be killed");
        Assert.True(error is CloudException { Id: CloudErrorId.CommandFailed or CloudErrorId.DumpIncomplete }, error?.ToString());
        Assert.Empty(Directory.GetFiles(spool));
        Directory.Delete(spool, recursive: true);
    }

    [Fact]
    public async Task One_stream_s_dump_dying_mid_copy_stops_the_others_and_leaves_the_destination_unchanged()
    {
        var source = await BigSourceAsync(server, "onedies");
        var destination = await server.NewDatabaseAsync("dst");
        await SeedAsync(destination);
        var before = await FingerprintAsync(destination);

        // As soon as the streams' dump clients run (all start at once, under the lock), one of them dies.
        using var done = new CancellationTokenSource();
        var killer = KillOneRangeDumpAsync(source, done.Token);
        var error = await Record.ExceptionAsync(() => DatabaseTransfer.CopyAsync(source, new DatabaseClient(Local, source), destination,
            new DatabaseClient(Local, destination), TableSelection.All, SanitizeRules.BuiltIn, "copy", SilentObserver.Instance, CancellationToken.None, 2));
        done.Cancel();

        Assert.True(await killer, "no stream's dump client could be killed");
        Assert.True(error is CloudException { Id: CloudErrorId.CommandFailed or CloudErrorId.DumpIncomplete or CloudErrorId.ImportFailed }, error?.ToString());
        Assert.Equal(before, await FingerprintAsync(destination));
        Assert.Empty(await LeftoverSchemasAsync(destination));
        // No other stream's dump or import client is left running ([m]: pgrep must not find its own shell).
        Assert.Empty((await Local.RunAsync(CommandRequest.Shell(
            $"pgrep -af '[m]ariadb-dump.* {source.Database} |[m]ariadb .*--database={destination.Database}__mc_import_' || true"))).Output.Trim());
    }

    [Fact]
    public async Task A_session_writing_in_a_source_table_makes_the_copy_go_over_one_stream_after_a_short_wait()
    {
        var source = await server.NewDatabaseAsync("src");
        await SeedAsync(source);
        var destination = await server.NewDatabaseAsync("dst");
        ParallelTransfer.LockWaitSeconds = 1;

        TransferResult result;
        await using (await HoldAsync(source, "START TRANSACTION; UPDATE admin_user SET firstname = 'Uncommitted'"))
            result = await CopyAsync(source, destination, streams: 2);

        Assert.Equal(1, result.Streams);
        Assert.Contains(result.Notes, n => n.Contains("one stream", StringComparison.Ordinal));
        Assert.Empty(await ScalarsAsync(destination, "SELECT firstname FROM admin_user WHERE firstname = 'Uncommitted'"));
        Assert.Equal(await ScalarsAsync(source, "SELECT COUNT(*) FROM sales_order"), await ScalarsAsync(destination, "SELECT COUNT(*) FROM sales_order"));
    }

    [Fact]
    public void Ssh_hosts_get_no_more_channels_than_MaxSessions_allows()
    {
        var one = new SshTransport(new SshConnectionInfo(SshHost.Parse("deploy@one.example")));
        var two = new SshTransport(new SshConnectionInfo(SshHost.Parse("deploy@two.example")));

        Assert.Equal(8, CopyThrottle.Cap(8, Local, Local));
        Assert.Equal(5, CopyThrottle.Cap(8, Local, two));
        Assert.Equal(5, CopyThrottle.Cap(8, one, two));
        Assert.Equal(2, CopyThrottle.Cap(8, one, one)); // dumps and imports on one connection
        Assert.Equal(5, CopyThrottle.MaxProcesses(2, one, two));
        Assert.Equal(3, CopyThrottle.MaxProcesses(2, one, one));
    }

    [Fact]
    public void Tables_the_sanitizer_links_stay_in_one_stream_with_the_first_row_table_first()
    {
        var linked = DumpStreams.Linked(["authorization_role", "admin_user", "customer_entity", "sales_order"], SanitizeRules.BuiltIn);

        Assert.Equal(["admin_user", "authorization_role"], linked);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task The_snapshot_marker_is_seen_across_writes_of_any_size(int size)
    {
        var dump = Encoding.ASCII.GetBytes("-- MariaDB dump\n/*!40101 SET NAMES utf8mb4 */;\n--\n-- Dumping data for table `a`\n--\nINSERT INTO `a` VALUES (1);\n");
        var header = dump.AsSpan(0, dump.Length - 40).ToArray();
        using var sink = new MemoryStream();
        var marker = new SnapshotMarkerStream(sink);

        for (var at = 0; at < header.Length; at += size) await marker.WriteAsync(header.AsMemory(at, Math.Min(size, header.Length - at)));
        Assert.False(marker.Opened.IsCompleted);
        for (var at = header.Length; at < dump.Length; at += size) await marker.WriteAsync(dump.AsMemory(at, Math.Min(size, dump.Length - at)));

        Assert.True(marker.Opened.IsCompleted);
        Assert.Equal(dump, sink.ToArray());
    }

    /// <summary>Two tables large enough to be cut into key ranges, and a folder for an export's parts.</summary>
    private async Task<(DatabaseEndpoint Source, string Spool)> CutSourceAndSpoolAsync(string name)
    {
        var source = await BigSourceAsync(server, name);
        await ExecuteAsync(source, "ANALYZE TABLE a, b"); // the plan sizes tables by their statistics
        return (source, Directory.CreateTempSubdirectory("mc-export-").FullName);
    }

    /// <summary>As soon as the streams' dump clients run (all start at once, under the lock), kills one that dumps a key range.</summary>
    private static Task<bool> KillOneRangeDumpAsync(DatabaseEndpoint source, CancellationToken done) => Task.Run(async () =>
    {
        while (!done.IsCancellationRequested)
        {
            var kill = await Local.RunAsync(CommandRequest.Command("pkill", "-KILL", "-n", "-f", "--", $"^mariadb-dump .*--where=.* {source.Database} "));
            if (kill.ExitCode == 0) return true;
            await Task.Delay(10);
        }
        return false;
    });

    private static Task<TransferResult> CopyAsync(DatabaseEndpoint source, DatabaseEndpoint destination, int streams) =>
        DatabaseTransfer.CopyAsync(source, new DatabaseClient(Local, source), destination, new DatabaseClient(Local, destination),
            TableSelection.All, SanitizeRules.BuiltIn, "copy", SilentObserver.Instance, CancellationToken.None, streams);
}
