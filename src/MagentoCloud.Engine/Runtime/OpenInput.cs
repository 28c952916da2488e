namespace MagentoCloud.Engine.Runtime;

/// <summary>
/// A command's input that gives nothing and never ends until the read is cancelled (or the stream
/// disposed): the command sees its stdin open for as long as the caller wants it running.
/// </summary>
internal sealed class OpenInput : Stream
{
    private readonly CancellationTokenSource _closed = new();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        try { await Task.Delay(Timeout.Infinite, both.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested && !cancellationToken.IsCancellationRequested) { }
        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _closed.Cancel(); // not disposed: a read may still be looking at it
        }
        base.Dispose(disposing);
    }
}
