using System.Diagnostics;
using System.Text;
using MySqlConnector;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// A copy over several streams that read one consistent state of the source, as mydumper does: the
/// tables with rows are locked for reading (LOCK TABLES ... READ, so no write can commit in them),
/// every stream's dump client is started and opens its snapshot (START TRANSACTION WITH CONSISTENT
/// SNAPSHOT, which --single-transaction does before it writes its first table), then the lock is let
/// go, a moment later. Each stream goes through a sanitizer of its own (one key for all: the same
/// value gets the same fake in every table) into an import client of its own, all into one staging
/// schema that has the tables already; the triggers, routines, events and views follow, then the swap.
/// </summary>
internal static class ParallelTransfer
{
    private static readonly AsyncLocal<int?> LockWaitHere = new();

    /// <summary>
    /// Seconds to wait for the read lock on the source's tables (a session writing in one, a LOCK TABLES) before
    /// copying with one stream instead: meanwhile writers to the tables already granted wait too, so it stays short.
    /// </summary>
    internal static int LockWaitSeconds
    {
        get => LockWaitHere.Value ?? 5;
        set => LockWaitHere.Value = value;
    }

    /// <summary>Seconds the dump clients have to open their snapshots while the source's tables are locked.</summary>
    private const int OpenSeconds = 60;

    /// <summary>The copy over <paramref name="streams"/> streams; null when the source's tables could not be locked (copy with one stream).</summary>
    public static Task<TransferResult?> TryCopyAsync(DumpPlan plan, DatabaseEndpoint source, DatabaseClient sourceClient,
        DatabaseEndpoint destination, DatabaseClient destinationClient, SanitizeRules rules, int streams, string activity,
        IOperationObserver observer, CancellationToken cancellationToken) =>
        TryTransferAsync(plan, source, sourceClient, destinationClient.Transport,
            async ct => new StagingTarget(await StagingSchema.CreateAsync(destination, ct).ConfigureAwait(false), destinationClient),
            rules, streams, activity, observer, cancellationToken);

    /// <summary>
    /// The export over <paramref name="streams"/> streams into <paramref name="output"/> (its parts spooled in
    /// <paramref name="spoolFolder"/> meanwhile); null when the source's tables could not be locked (export with one stream).
    /// </summary>
    public static Task<TransferResult?> TryExportAsync(DumpPlan plan, DatabaseEndpoint source, DatabaseClient sourceClient, Stream output,
        string spoolFolder, SanitizeRules rules, int streams, string activity, IOperationObserver observer, CancellationToken cancellationToken) =>
        TryTransferAsync(plan, source, sourceClient, new Transport.LocalTransport(),
            _ => Task.FromResult<TransferTarget>(new SpooledDumpTarget(spoolFolder, output)), rules, streams, activity, observer, cancellationToken);

    private static async Task<TransferResult?> TryTransferAsync(DumpPlan plan, DatabaseEndpoint source, DatabaseClient sourceClient,
        Transport.ITransport destinationHost, Func<CancellationToken, Task<TransferTarget>> openTarget, SanitizeRules rules, int streams,
        string activity, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var maxProcesses = CopyThrottle.MaxProcesses(streams, sourceClient.Transport, destinationHost);
        // Tables a rule empties need no rows read: the tables pass creates them.
        var withRows = plan.Tables.DataTables.Where(t => rules.For(t)?.Truncate != true).ToList();
        var planning = DumpStreams.PlanAsync(source, withRows, rules, streams, maxProcesses, cancellationToken);
        var listing = ViewsAsync(source, cancellationToken);
        var tablesPass = new MemoryStream();
        await sourceClient.DumpAsync(plan.TablesPassOptions(), tablesPass, cancellationToken).ConfigureAwait(false);
        var creates = CreateStatements(tablesPass.ToArray());
        var dumps = await planning.ConfigureAwait(false);
        var views = await listing.ConfigureAwait(false);
        // On this machine the definitions are read now, beside the rows (they are outside the snapshot either way), so only their
        // loading waits for the rows; over SSH after the rows, as the streams' dump clients take the channels the server allows.
        using var objectsRead = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var objectsPass = sourceClient.Transport is Transport.SshTransport ? null : ObjectsPassAsync(plan, sourceClient, views, objectsRead.Token);

        var progress = new TransferProgress(observer, activity, plan.TableCount);
        var target = await openTarget(cancellationToken).ConfigureAwait(false);
        var key = DumpSanitizer.NewKey();
        var structureOnly = plan.Tables.StructureOnlyTables.ToHashSet(StringComparer.Ordinal);
        DumpSanitizer Sanitizer(Action<string>? rowsStarted = null) => new(rules, key,
            new DumpSanitizerOptions
            {
                StructureOnlyTables = structureOnly, StayInTargetDatabase = true, RowsStarted = rowsStarted, RowsPassed = progress.RowsPassed,
            });
        progress.Expect(dumps);
        var unstreamed = plan.TableCount - dumps.SelectMany(d => d.Tables).Distinct().Count();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = new List<Task>();
        try
        {
            await using var sourceLock = await LockAsync(source, withRows, cancellationToken).ConfigureAwait(false);
            if (sourceLock is null)
            {
                objectsRead.Cancel();
                try { if (objectsPass is not null) await objectsPass.ConfigureAwait(false); } catch { /* the one stream reads them again */ }
                await target.AbandonAsync(observer).ConfigureAwait(false);
                observer.Log($"The tables of {source.Database} could not be locked for reading within {LockWaitSeconds} s (a session writes in them, " +
                             "or the user may not LOCK TABLES): going on with one stream");
                return null;
            }
            var locked = Stopwatch.StartNew();
            observer.Log($"Dumping over {streams} streams ({dumps.Count} dump processes) {target.Description}");

            var tables = TablesPassAsync();
            async Task<SanitizeReport> TablesPassAsync()
            {
                var report = await target.LoadAsync(0, Sanitizer(), (o, ct) => o.WriteAsync(tablesPass.ToArray(), ct).AsTask(), progress, stop.Token)
                    .ConfigureAwait(false);
                progress.TablesDone(unstreamed); // those with no rows to copy are loaded once created
                return report;
            }
            started.Add(tables);
            var loaders = new SemaphoreSlim(streams);
            var tableTimes = new System.Collections.Concurrent.ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
            var runs = dumps.Select(dump => new StreamRun(dump, tableTimes)).ToList();
            foreach (var (run, part) in runs.Select((r, i) => (r, i + 1)))
            {
                run.Task = RunStreamAsync(run, part, plan, sourceClient, target, Sanitizer(run.RowsStarted(progress)), creates, tables,
                    loaders, progress, stop);
                started.Add(run.Task);
            }

            // Every process has opened its snapshot (or ended, or failed): the writers may go on. A dump client can only
            // be held up here by a schema change queued behind the lock (its table's metadata lock waits for it): give up then.
            var opened = Task.WhenAll(runs.Select(r => Task.WhenAny(r.Opened, r.Task)));
            if (await Task.WhenAny(opened, Task.Delay(TimeSpan.FromSeconds(OpenSeconds), stop.Token)).ConfigureAwait(false) != opened)
            {
                stop.Token.ThrowIfCancellationRequested();
                throw new CloudException(CloudErrorId.DatabaseUnavailable,
                    $"The dump clients did not open their snapshots of {source.Database} within {OpenSeconds} s while its tables were locked for " +
                    "reading: a session waits to change a table's structure (ALTER, TRUNCATE, DROP). The destination was left unchanged. " +
                    "Let that change finish, then run the copy again (or with -ThrottleLimit 1).", source.Database);
            }
            await sourceLock.DisposeAsync().ConfigureAwait(false);
            var lockHeld = locked.Elapsed;

            await WhenAllOrFirstFailureAsync(started, stop, cancellationToken).ConfigureAwait(false);
            progress.Status("Creating the triggers, routines, events and views");
            var definitions = await (objectsPass ?? ObjectsPassAsync(plan, sourceClient, views, cancellationToken)).ConfigureAwait(false);
            var objects = await target.LoadAsync(runs.Count + 1, Sanitizer(), (output, ct) => output.WriteAsync(definitions, ct).AsTask(),
                progress, cancellationToken).ConfigureAwait(false);

            progress.Status(target is StagingTarget ? "Swapping the imported tables in" : "Joining the parts into the dump");
            cancellationToken.ThrowIfCancellationRequested();
            await target.CompleteAsync(cancellationToken).ConfigureAwait(false);
            progress.Completed();
            var slowest = runs.OrderByDescending(r => r.Duration).Take(3).Select(r => $"{r.Dump} {r.Duration.TotalSeconds:N1} s");
            var slowestTables = tableTimes.OrderByDescending(t => t.Value).Take(5).Select(t => $"{t.Key} {t.Value.TotalSeconds:N1} s");
            var notes = new List<string>
            {
                $"{(target is StagingTarget ? "Copied" : "Exported")} over {streams} streams ({runs.Count} dump processes sharing one snapshot; the source's tables were locked for " +
                $"{lockHeld.TotalSeconds:N1} s while they opened it). Slowest: {string.Join("; ", slowest)}.",
                $"Slowest tables (seconds of the streams that carried them, from their first row to the next table's): {string.Join("; ", slowestTables)}.",
            };
            SanitizeReport[] reports = [await tables.ConfigureAwait(false), .. runs.Select(r => r.Task.Result), objects];
            return new TransferResult(plan, Combine(plan, reports)) { Streams = streams, Notes = notes };
        }
        catch
        {
            // No stream may still write into the staging schema while it is dropped.
            stop.Cancel();
            objectsRead.Cancel();
            try { await Task.WhenAll([.. started, objectsPass ?? Task.CompletedTask]).ConfigureAwait(false); } catch { /* the first error is the one thrown */ }
            await target.AbandonAsync(observer).ConfigureAwait(false);
            progress.Completed();
            throw;
        }
    }

    /// <summary>One dump process: what it dumps, when its snapshot is open, how long it took.</summary>
    private sealed class StreamRun(DumpStream dump, System.Collections.Concurrent.ConcurrentDictionary<string, TimeSpan> tableTimes)
    {
        public DumpStream Dump { get; } = dump;
        public SnapshotMarkerStream? Marker { get; set; }
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task Opened => Started.Task.ContinueWith(_ => Marker!.Opened, TaskScheduler.Default).Unwrap();
        public Task<SanitizeReport> Task { get; set; } = null!;
        public TimeSpan Duration { get; set; }

        private readonly List<string> _pending = [.. dump.Tables];

        /// <summary>For the stream's sanitizer: a dump writes one table at a time, so one's rows starting means the stream is past the others begun.</summary>
        public Action<string> RowsStarted(TransferProgress progress) => table =>
        {
            Timed();
            _current = table;
            PiecesLoaded(progress, [.. _started]);
            _started.Clear();
            _started.Add(table);
        };

        /// <summary>The stream has ended: it is past all its tables.</summary>
        public void Ended(TransferProgress progress)
        {
            Timed();
            PiecesLoaded(progress, [.. _pending]);
        }

        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private string? _current;
        private TimeSpan _since;

        private void Timed()
        {
            var now = _clock.Elapsed;
            if (_current is not null) tableTimes.AddOrUpdate(_current, now - _since, (_, sum) => sum + now - _since);
            _current = null;
            _since = now;
        }

        private readonly HashSet<string> _started = new(StringComparer.Ordinal);

        private void PiecesLoaded(TransferProgress progress, List<string> tables)
        {
            foreach (var table in tables)
            {
                if (_pending.Remove(table)) progress.PieceLoaded(table);
            }
        }
    }

    private static async Task<SanitizeReport> RunStreamAsync(StreamRun run, int part, DumpPlan plan, DatabaseClient sourceClient, TransferTarget target,
        DumpSanitizer sanitizer, IReadOnlyDictionary<string, string> creates, Task tables, SemaphoreSlim loaders,
        TransferProgress progress, CancellationTokenSource stop)
    {
        var clock = Stopwatch.StartNew();
        // The sanitizer learns each table's columns from its CREATE TABLE; the import finds the table there already.
        var prefix = Encoding.UTF8.GetBytes(string.Concat(run.Dump.Tables.Select(t => creates.GetValueOrDefault(t, ""))));
        var report = await target.LoadAsync(part, sanitizer, async (output, ct) =>
        {
            await output.WriteAsync(prefix, ct).ConfigureAwait(false);
            run.Marker = new SnapshotMarkerStream(output);
            run.Started.TrySetResult();
            await sourceClient.DumpAsync(plan.StreamOptions(run.Dump), run.Marker, ct).ConfigureAwait(false);
            run.Marker.Ended();
        }, progress, stop.Token, async ct =>
        {
            await tables.WaitAsync(ct).ConfigureAwait(false);
            await loaders.WaitAsync(ct).ConfigureAwait(false);
            clock.Restart();
        }, () => loaders.Release()).ConfigureAwait(false);
        run.Duration = clock.Elapsed;
        run.Ended(progress);
        return report;
    }

    /// <summary>The triggers, routines and events, then the views: the parallel transfer's last part.</summary>
    private static async Task<byte[]> ObjectsPassAsync(DumpPlan plan, DatabaseClient sourceClient, IReadOnlyList<string> views, CancellationToken cancellationToken)
    {
        var output = new MemoryStream();
        await sourceClient.DumpAsync(plan.ObjectsPassOptions(), output, cancellationToken).ConfigureAwait(false);
        if (DumpPlan.ViewsPassOptions(plan.Database, views) is { } viewOptions)
            await sourceClient.DumpAsync(viewOptions, output, cancellationToken).ConfigureAwait(false);
        return output.ToArray();
    }

    /// <summary>Waits for all; the first to fail stops the others, and its error (not their cancellations) is the one thrown.</summary>
    private static async Task WhenAllOrFirstFailureAsync(IReadOnlyList<Task> tasks, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        Exception? first = null;
        var pending = tasks.ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            if (done.Exception?.InnerException is { } error && first is null && !(error is OperationCanceledException && stop.IsCancellationRequested))
            {
                first = error;
                stop.Cancel();
            }
            else if (done.IsCanceled || done.Exception is not null) stop.Cancel();
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (first is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        foreach (var task in tasks) await task.ConfigureAwait(false);
    }

    /// <summary>
    /// LOCK TABLES ... READ on the tables with rows, held by the returned connection until it is disposed; null when the
    /// lock is not granted in time or the user may not lock tables.
    /// </summary>
    private static async Task<MySqlConnection?> LockAsync(DatabaseEndpoint source, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        var builder = new MySqlConnectionStringBuilder(LocalDatabaseServer.ConnectionString(source)) { Pooling = false };
        var connection = new MySqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await SchemaQueries.ExecuteAsync(connection, $"SET SESSION lock_wait_timeout = {LockWaitSeconds}", cancellationToken).ConfigureAwait(false);
            if (tables.Count > 0) await SchemaQueries.ExecuteAsync(connection,
                "LOCK TABLES " + string.Join(", ", tables.Select(t => LocalDatabaseServer.QuoteIdentifier(t) + " READ")), cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (MySqlException e) when (e.ErrorCode is MySqlErrorCode.LockWaitTimeout or MySqlErrorCode.DatabaseAccessDenied
                                           or MySqlErrorCode.TableAccessDenied)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            return null;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<List<string>> ViewsAsync(DatabaseEndpoint source, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(source with { Database = "" }));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await SchemaQueries.StringsAsync(connection,
            "SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = @db ORDER BY TABLE_NAME", source.Database, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Each table's CREATE TABLE in a --no-data dump (mariadb-dump writes one column a line, and the closing line
    /// starts with ')'), as CREATE TABLE IF NOT EXISTS.
    /// </summary>
    internal static Dictionary<string, string> CreateStatements(byte[] dump)
    {
        var statements = new Dictionary<string, string>(StringComparer.Ordinal);
        StringBuilder? current = null;
        string? name = null;
        foreach (var line in Encoding.UTF8.GetString(dump).Split('\n'))
        {
            if (current is null)
            {
                if (!line.StartsWith("CREATE TABLE `", StringComparison.Ordinal)) continue;
                var end = line.IndexOf("` (", StringComparison.Ordinal);
                if (end < 0) continue;
                name = line["CREATE TABLE `".Length..end].Replace("``", "`", StringComparison.Ordinal);
                current = new StringBuilder("CREATE TABLE IF NOT EXISTS ").Append(line["CREATE TABLE ".Length..]).Append('\n');
                continue;
            }
            current.Append(line).Append('\n');
            if (line.StartsWith(')'))
            {
                statements[name!] = current.ToString();
                current = null;
            }
        }
        return statements;
    }

    /// <summary>The streams' reports as one: a table cut into ranges (or created ahead of its rows) adds up.</summary>
    private static SanitizeReport Combine(DumpPlan plan, IReadOnlyList<SanitizeReport> reports)
    {
        var order = plan.Tables.DataTables.Concat(plan.Tables.StructureOnlyTables).Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        return new SanitizeReport
        {
            BytesRead = reports.Sum(r => r.BytesRead),
            BytesWritten = reports.Sum(r => r.BytesWritten),
            DefinersRewritten = reports.Sum(r => r.DefinersRewritten),
            DatabaseStatementsDropped = reports.Sum(r => r.DatabaseStatementsDropped),
            Tables = reports.SelectMany(r => r.Tables).GroupBy(t => t.Table, StringComparer.Ordinal)
                .OrderBy(g => order.GetValueOrDefault(g.Key, int.MaxValue)).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new SanitizedTable
                {
                    Table = g.Key,
                    Rows = g.Sum(t => t.Rows),
                    Truncated = g.Any(t => t.Truncated),
                    SanitizedColumns = g.SelectMany(t => t.SanitizedColumns).Distinct(StringComparer.Ordinal).ToList(),
                    SanitizedValues = g.Sum(t => t.SanitizedValues),
                }).ToList(),
            // A table cut into key ranges is found once per range: one finding, its values summed.
            Findings = reports.SelectMany(r => r.Findings).GroupBy(f => (f.Table, f.Column, f.Reason, f.Action))
                .OrderBy(g => order.GetValueOrDefault(g.Key.Table, int.MaxValue)).ThenBy(g => g.Key.Table, StringComparer.Ordinal)
                .Select(g => g.First() with { Values = g.Sum(f => f.Values) }).ToList(),
        };
    }
}
