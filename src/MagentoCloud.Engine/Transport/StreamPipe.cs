using System.Threading.Channels;

namespace MagentoCloud.Engine.Transport;

/// <summary>
/// An in-memory one-way pipe between two streams: what is written to <see cref="Writer"/> is read
/// from <see cref="Reader"/> as soon as it is written; completing the writer is end-of-file (or,
/// with an exception, that exception at the reader). Bounded, so a fast writer waits for the reader.
/// </summary>
internal sealed class StreamPipe
{
    private readonly Channel<byte[]> _chunks = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(64)
    {
        SingleReader = true,
        SingleWriter = true,
    });

    public StreamPipe()
    {
        Reader = new ReaderStream(_chunks.Reader);
        Writer = new WriterStream(this);
    }

    public Stream Reader { get; }

    public Stream Writer { get; }

    /// <summary>End of data; with <paramref name="error"/>, the reader throws it after what was written.</summary>
    public void Complete(Exception? error = null) => _chunks.Writer.TryComplete(error);

    private sealed class WriterStream(StreamPipe pipe) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty) return;
            try
            {
                await pipe._chunks.Writer.WriteAsync(buffer.ToArray(), cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException e)
            {
                throw new IOException("The pipe's reader is gone.", e);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    private sealed class ReaderStream(ChannelReader<byte[]> chunks) : Stream
    {
        private byte[]? _current;
        private int _offset;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty) return 0;
            if (_current is null || _offset == _current.Length)
            {
                try
                {
                    // Ends with the writer's exception, if it completed with one.
                    if (!await chunks.WaitToReadAsync(cancellationToken).ConfigureAwait(false)) return 0;
                }
                catch (ChannelClosedException e) when (e.InnerException is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                }
                if (!chunks.TryRead(out _current)) return 0;
                _offset = 0;
            }
            var n = Math.Min(buffer.Length, _current.Length - _offset);
            _current.AsMemory(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }
    }
}
