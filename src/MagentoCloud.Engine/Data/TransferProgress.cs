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
        if (!force && now - _lastReport < 250) return;
        _lastReport = now;
        var done = Math.Max(0, _tablesStarted - 1);
        var percent = tables > 0 ? Math.Min(99, done * 100 / tables) : -1;
        var rate = now > 0 ? _bytes / 1048576.0 / (now / 1000.0) : 0;
        observer.Progress(new OperationProgress(activity,
            $"{done} of {tables} tables, {_rows:N0} rows, {_bytes / 1048576.0:N0} MB ({rate:N0} MB/s)", percent));
    }
}
