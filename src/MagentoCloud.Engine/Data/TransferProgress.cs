using System.Collections.Concurrent;
using System.Diagnostics;

namespace MagentoCloud.Engine.Data;

/// <summary>Progress of one dump going through: bytes, tables done of all, rows; reported a few times a second.</summary>
internal sealed class TransferProgress(IOperationObserver observer, string activity, int tables)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastReport = -1000;
    private long _bytes;
    private long _rows;
    private int _tablesStarted;
    private int _tablesLoaded;
    private readonly ConcurrentDictionary<string, int> _piecesLeft = new(StringComparer.Ordinal);

    public void Bytes(long bytes)
    {
        _bytes = bytes;
        Report(force: false);
    }

    /// <summary>Bytes more through one of several streams.</summary>
    public void AddBytes(long bytes)
    {
        Interlocked.Add(ref _bytes, bytes);
        Report(force: false);
    }

    /// <summary>Tables loaded whole at once (those of the tables pass that no stream fills).</summary>
    public void TablesDone(int tables)
    {
        Interlocked.Add(ref _tablesLoaded, tables);
        Report(force: true);
    }

    /// <summary>The streams of a parallel copy: a table is loaded when every stream that carries part of it is past it.</summary>
    public void Expect(IEnumerable<DumpStream> streams)
    {
        foreach (var table in streams.SelectMany(s => s.Tables)) _piecesLeft.AddOrUpdate(table, 1, (_, n) => n + 1);
    }

    /// <summary>One stream is past <paramref name="table"/> (the next one's rows started, or the stream ended).</summary>
    public void PieceLoaded(string table)
    {
        if (_piecesLeft.AddOrUpdate(table, 0, (_, n) => n - 1) != 0) return;
        Interlocked.Increment(ref _tablesLoaded);
        Report(force: true);
    }

    public void TableStarted(string table, long rowsBefore)
    {
        Interlocked.Increment(ref _tablesStarted);
        Report(force: false);
    }

    /// <summary>One INSERT of <paramref name="table"/> went through (on any stream): its rows and bytes.</summary>
    public void RowsPassed(string table, long rows, long bytes)
    {
        var counts = _tables.GetOrAdd(table, _ => new TableCounts());
        Interlocked.Add(ref counts.Rows, rows);
        Interlocked.Add(ref counts.Bytes, bytes);
        Volatile.Write(ref counts.Last, _clock.ElapsedMilliseconds);
        Interlocked.Add(ref _rows, rows);
        Report(force: false);
    }

    /// <summary>Rows and bytes that went through, by table.</summary>
    public IReadOnlyDictionary<string, (long Rows, long Bytes)> Tables =>
        _tables.ToDictionary(t => t.Key, t => (Interlocked.Read(ref t.Value.Rows), Interlocked.Read(ref t.Value.Bytes)), StringComparer.Ordinal);

    private sealed class TableCounts
    {
        public long Rows;
        public long Bytes;
        public long Last;
    }

    private readonly ConcurrentDictionary<string, TableCounts> _tables = new(StringComparer.Ordinal);

    /// <summary>The tables rows went through in the last second, busiest first: "sales_order 12,000 rows 9 MB".</summary>
    private string Current(long now)
    {
        var current = _tables.Where(t => now - Volatile.Read(ref t.Value.Last) < 1000 && _piecesLeft.GetValueOrDefault(t.Key, 1) > 0)
            .OrderByDescending(t => Interlocked.Read(ref t.Value.Bytes)).Take(3)
            .Select(t => $"{t.Key} {Interlocked.Read(ref t.Value.Rows):N0} rows {Interlocked.Read(ref t.Value.Bytes) / 1048576.0:N0} MB").ToList();
        return current.Count == 0 ? "" : "; " + string.Join("; ", current);
    }

    public void Completed() => observer.Progress(new OperationProgress(activity, "Done", 100) { Completed = true });

    public void Status(string status) => observer.Progress(new OperationProgress(activity, status));

    private void Report(bool force)
    {
        var now = _clock.ElapsedMilliseconds;
        var last = Interlocked.Read(ref _lastReport);
        if (!force && now - last < 250) return;
        // Another stream reports this moment; a table loaded is always reported.
        if (Interlocked.CompareExchange(ref _lastReport, now, last) != last && !force) return;
        var bytes = Interlocked.Read(ref _bytes);
        var done = Math.Max(0, Volatile.Read(ref _tablesStarted) - 1) + Volatile.Read(ref _tablesLoaded);
        var percent = tables > 0 ? Math.Min(99, done * 100 / tables) : -1;
        var rate = now > 0 ? bytes / 1048576.0 / (now / 1000.0) : 0;
        observer.Progress(new OperationProgress(activity,
            $"{done} of {tables} tables, {Interlocked.Read(ref _rows):N0} rows, {bytes / 1048576.0:N0} MB ({rate:N0} MB/s){Current(now)}", percent));
    }
}
