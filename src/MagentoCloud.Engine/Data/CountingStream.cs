namespace MagentoCloud.Engine.Data;

/// <summary>A read-only view of a stream that counts the bytes read through it, for progress.</summary>
internal sealed class CountingStream(Stream inner, Action<long> onRead) : Transport.ForwardReadStream
{
    private long _count;

    public long Count => _count;

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Counted(int read)
    {
        if (read > 0)
        {
            _count += read;
            onRead(_count);
        }
        return read;
    }

    public override long Position { get => _count; set => throw new NotSupportedException(); }
}
