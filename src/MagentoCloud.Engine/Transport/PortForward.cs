namespace MagentoCloud.Engine.Transport;

/// <summary>An open SSH tunnel: connect to 127.0.0.1:<see cref="LocalPort"/>. Dispose closes it.</summary>
public sealed class PortForward(int localPort, Action close) : IAsyncDisposable
{
    private int _closed;

    public int LocalPort { get; } = localPort;

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0) close();
        return ValueTask.CompletedTask;
    }
}
