using System.Text;
using MySqlConnector;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// One connection that executes INSERT statements one after another while the caller prepares the
/// next: at most one statement is in flight, so the client's CPU and the server's overlap.
/// </summary>
internal sealed class InsertPipe : IAsyncDisposable
{
    private readonly MySqlConnection _connection;
    private readonly Action<long, long> _written;
    private Task _inFlight = Task.CompletedTask;

    public InsertPipe(MySqlConnection connection, Action<long, long> written)
    {
        _connection = connection;
        _written = written;
    }

    public long Rows { get; private set; }

    public long Bytes { get; private set; }

    public async ValueTask SendAsync(StringBuilder sql, int rows, CancellationToken cancellationToken)
    {
        await _inFlight.ConfigureAwait(false);
        _inFlight = ExecuteAsync(sql.ToString(), rows, cancellationToken);
    }

    public Task CompleteAsync() => _inFlight;

    private async Task ExecuteAsync(string sql, int rows, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, _connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        Rows += rows;
        Bytes += Encoding.UTF8.GetByteCount(sql);
        _written(Rows, Bytes);
    }

    public async ValueTask DisposeAsync()
    {
        try { await _inFlight.ConfigureAwait(false); } catch { /* the caller saw it already */ }
    }
}
