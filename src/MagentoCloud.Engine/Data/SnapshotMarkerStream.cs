using System.Text;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// Passes a dump client's output through and completes <see cref="Opened"/> when the first
/// "-- Dumping data for table" comment goes by: mariadb-dump and mysqldump write it only after
/// START TRANSACTION WITH CONSISTENT SNAPSHOT, so from then on the process reads its snapshot.
/// </summary>
internal sealed class SnapshotMarkerStream(Stream inner) : Transport.ForwardWriteStream
{
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("\n-- Dumping data for table ");
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _tail = new byte[Marker.Length - 1];
    private int _tailLength;

    /// <summary>Completes when the process has opened its snapshot.</summary>
    public Task Opened => _opened.Task;

    /// <summary>A process that ended without a marker (no rows to dump) read whatever it read inside its snapshot too.</summary>
    public void Ended() => _opened.TrySetResult();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Watch(buffer);
        inner.Write(buffer);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Watch(buffer.Span);
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    private void Watch(ReadOnlySpan<byte> buffer)
    {
        if (_opened.Task.IsCompleted || buffer.IsEmpty) return;
        // The marker may straddle two writes: look at the end of the last one joined to the start of this one.
        var head = buffer[..Math.Min(buffer.Length, _tail.Length)];
        Span<byte> joined = stackalloc byte[_tailLength + head.Length];
        _tail.AsSpan(0, _tailLength).CopyTo(joined);
        head.CopyTo(joined[_tailLength..]);
        if (joined.IndexOf(Marker) >= 0 || buffer.IndexOf(Marker) >= 0)
        {
            _opened.TrySetResult();
            return;
        }
        var last = buffer.Length >= _tail.Length ? buffer[^_tail.Length..] : joined[^Math.Min(joined.Length, _tail.Length)..];
        last.CopyTo(_tail);
        _tailLength = last.Length;
    }
}
