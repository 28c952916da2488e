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

    /// <summary>A stream of several has loaded its tables.</summary>
    public void TablesDone(int tables)
    {
        Interlocked.Add(ref _tablesStarted, tables);
        Report(force: false);
    }

    public void TableStarted(string table, long rowsBefore)
    {
        Interlocked.Increment(ref _tablesStarted);
        _rows = rowsBefore;
        Report(force: false);
    }

    public void Completed() => observer.Progress(new OperationProgress(activity, "Done", 100) { Completed = true });

    public void Status(string status) => observer.Progress(new OperationProgress(activity, status));

    private void Report(bool force)
    {
        var now = _clock.ElapsedMilliseconds;
        var last = Interlocked.Read(ref _lastReport);
        if (!force && now - last < 250) return;
        if (Interlocked.CompareExchange(ref _lastReport, now, last) != last) return; // another stream reports this moment
        var bytes = Interlocked.Read(ref _bytes);
        var done = Math.Max(0, _tablesStarted - 1);
        var percent = tables > 0 ? Math.Min(99, done * 100 / tables) : -1;
        var rate = now > 0 ? bytes / 1048576.0 / (now / 1000.0) : 0;
        observer.Progress(new OperationProgress(activity,
            $"{done} of {tables} tables, {_rows:N0} rows, {bytes / 1048576.0:N0} MB ({rate:N0} MB/s)", percent));
    }
}
