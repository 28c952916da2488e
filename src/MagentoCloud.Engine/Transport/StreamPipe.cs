using System.Threading.Channels;

namespace MagentoCloud.Engine.Transport;

/// <summary>
/// An in-memory pipe between two threads with a bounded amount of data in flight: what the writer
/// stream writes, the reader stream reads. The writer completes it (with an error the reader then
/// sees); a reader that goes away makes further writes fail instead of blocking.
/// </summary>
internal sealed class StreamPipe
{
    private const int ChunkSize = 1 << 17;
    private readonly Channel<byte[]> _chunks = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(64)
    {
        SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly CancellationTokenSource _readerGone = new();

    public StreamPipe()
    {
        Reader = new ReaderStream(this);
        Writer = new WriterStream(this);
    }

    public Stream Reader { get; }

    public Stream Writer { get; }

    /// <summary>No more data: the reader sees the end of the stream, or <paramref name="error"/>.</summary>
    public void CompleteWriting(Exception? error = null) => _chunks.Writer.TryComplete(error);

    /// <summary>The reader is done; writes from now on throw.</summary>
    public void CompleteReading() => _readerGone.Cancel();

    private async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var chunk = data[..Math.Min(ChunkSize, data.Length)].ToArray();
            data = data[chunk.Length..];
            try
            {
                using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _readerGone.Token);
                await _chunks.Writer.WriteAsync(chunk, both.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_readerGone.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new IOException("The reading side of the pipe is closed.");
            }
        }
    }

    private sealed class ReaderStream(StreamPipe pipe) : ForwardReadStream
    {
        private byte[]? _chunk;
        private int _offset;

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override int Read(Span<byte> buffer)
        {
            var rented = new byte[buffer.Length];
            var read = Read(rented, 0, rented.Length);
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty) return 0;
            var total = 0;
            while (total < buffer.Length)
            {
                if (_chunk is null || _offset == _chunk.Length)
                {
                    // Fill the caller's buffer from what is already here; wait only when nothing is.
                    if (pipe._chunks.Reader.TryRead(out var next)) { _chunk = next; _offset = 0; }
                    else if (total > 0) return total;
                    else
                    {
                        try
                        {
                            if (!await pipe._chunks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false)) return 0;
                        }
                        catch (ChannelClosedException e) when (e.InnerException is not null)
                        {
                            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
                        }
                        continue;
                    }
                }
                var n = Math.Min(buffer.Length - total, _chunk.Length - _offset);
                _chunk.AsMemory(_offset, n).CopyTo(buffer[total..]);
                _offset += n;
                total += n;
            }
            return total;
        }
    }

    private sealed class WriterStream(StreamPipe pipe) : ForwardWriteStream
    {
        public override void Write(byte[] buffer, int offset, int count) => pipe.WriteAsync(buffer.AsMemory(offset, count), default).AsTask().GetAwaiter().GetResult();

        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            pipe.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            pipe.WriteAsync(buffer, cancellationToken);

        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
