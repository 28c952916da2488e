using System.Net.Sockets;
using System.Text;

namespace MagentoCloud.Engine.Services;

/// <summary>
/// A connection to a Redis (or Valkey) server speaking its protocol (RESP) directly: enough for the
/// engine's own few commands (AUTH, PING, SELECT, FLUSHDB, GET, SET, INFO) without a client library.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private RedisConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    /// <summary>Connects and, when <paramref name="password"/> is given, authenticates.</summary>
    public static async Task<RedisConnection> OpenAsync(string host, int port, string? password, CancellationToken cancellationToken)
    {
        var client = new TcpClient();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await client.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        var connection = new RedisConnection(client);
        if (!string.IsNullOrEmpty(password))
        {
            try
            {
                await connection.CommandAsync(cancellationToken, "AUTH", password).ConfigureAwait(false);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        return connection;
    }

    /// <summary>Sends one command; returns a simple, bulk or integer reply as text (null for a nil reply).</summary>
    public async Task<string?> CommandAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var request = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken).ConfigureAwait(false);
        return await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        var body = line[1..];
        switch (line[0])
        {
            case '+' or ':':
                return body;
            case '-':
                // The server's message names the command's problem, never the arguments (so never a password).
                throw new CloudException(CloudErrorId.ServiceUnavailable, $"Redis answered: {body}", "redis");
            case '$':
                var length = int.Parse(body, System.Globalization.CultureInfo.InvariantCulture);
                if (length < 0) return null;
                var buffer = new byte[length + 2];
                await _stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
                return Encoding.UTF8.GetString(buffer, 0, length);
            case '*':
                var count = int.Parse(body, System.Globalization.CultureInfo.InvariantCulture);
                var items = new List<string?>();
                for (var i = 0; i < count; i++) items.Add(await ReadReplyAsync(cancellationToken).ConfigureAwait(false));
                return string.Join("\n", items);
            default:
                throw new CloudException(CloudErrorId.ServiceUnavailable, "The server's answer is not Redis's protocol.", "redis");
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await _stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
                throw new CloudException(CloudErrorId.ServiceUnavailable, "The Redis server closed the connection.", "redis");
            if (one[0] == '\n' && bytes.Count > 0 && bytes[^1] == '\r')
                return Encoding.UTF8.GetString(bytes.ToArray(), 0, bytes.Count - 1);
            bytes.Add(one[0]);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stream.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
