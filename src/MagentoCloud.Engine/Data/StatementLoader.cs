using System.Buffers;
using System.Text;
using MySqlConnector;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// Runs a script as mariadb-dump writes rows (statements that end at a line ending with ';', no DELIMITER blocks) over a
/// connection of this process, in batches of about 1 MB: what the <c>mariadb</c> client does with it, without that
/// process and the pipe into it. Comment lines between statements are left out (a batch of only comments is an error).
/// </summary>
internal static class StatementLoader
{
    private const int BatchBytes = 1 << 20;

    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    /// <summary>
    /// Runs every statement of <paramref name="script"/> on <paramref name="connection"/>, in order, on a thread of its own with
    /// blocking reads: a batch's hundred results, each awaited, made as many thread-pool hand-offs, whose idle workers' spinning
    /// took the cores the database server loads with.
    /// </summary>
    public static Task RunAsync(MySqlConnection connection, Stream script, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() => Run(connection, script, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static void Run(MySqlConnection connection, Stream script, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4 << 20);
        int pos = 0, end = 0, batchStart = 0;
        var eof = false;
        try
        {
            while (true)
            {
                // One line at a time: a statement ends at a line ending with ';'.
                var statementStart = pos;
                var inStatement = false;
                while (true)
                {
                    var newline = buffer.AsSpan(pos, end - pos).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        if (eof) { pos = end; break; }
                        // Keep the batch and the statement being read; make room or grow.
                        if (batchStart > 0)
                        {
                            Buffer.BlockCopy(buffer, batchStart, buffer, 0, end - batchStart);
                            pos -= batchStart; end -= batchStart; statementStart -= batchStart; batchStart = 0;
                        }
                        PooledBytes.GrowIfFull(ref buffer, end);
                        cancellationToken.ThrowIfCancellationRequested();
                        var read = script.Read(buffer, end, buffer.Length - end);
                        if (read <= 0) eof = true;
                        end += Math.Max(read, 0);
                        continue;
                    }
                    var lineStart = pos;
                    var lineEnd = pos + newline; // the '\n'
                    pos = lineEnd + 1;
                    if (!inStatement)
                    {
                        var line = buffer.AsSpan(lineStart, lineEnd - lineStart).TrimEnd((byte)'\r');
                        if (line.Trim((byte)' ').IsEmpty || line.StartsWith("--"u8) || line.StartsWith("/*M!999999"u8))
                        {
                            // Not sent: cut it out of the batch by moving the batch up to it.
                            if (lineStart == batchStart) batchStart = pos;
                            else
                            {
                                Buffer.BlockCopy(buffer, batchStart, buffer, batchStart + (pos - lineStart), lineStart - batchStart);
                                batchStart += pos - lineStart;
                            }
                            statementStart = pos;
                            continue;
                        }
                        inStatement = true;
                    }
                    var last = lineEnd - 1;
                    if (last >= lineStart && buffer[last] == '\r') last--;
                    if (last >= lineStart && buffer[last] == ';') break;
                }
                var done = eof && pos == end;
                if (pos - batchStart >= BatchBytes || done)
                {
                    if (pos > batchStart && !buffer.AsSpan(batchStart, pos - batchStart).Trim(" \r\n"u8).IsEmpty)
                        Execute(connection, Strict.GetString(buffer, batchStart, pos - batchStart), cancellationToken);
                    batchStart = pos;
                }
                if (done) return;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>How often a batch goes again after InnoDB chose one of its statements as a deadlock's victim.</summary>
    private const int DeadlockAttempts = 5;

    /// <summary>
    /// Runs a batch. Loaders that write rows of one table at once can deadlock on its unique indexes' gap locks (the
    /// server checks uniqueness whatever unique_checks says when the index page is in memory); InnoDB then rolls back the
    /// statement it chose, and those before it stay in: the batch goes again from that statement, as myloader retries.
    /// </summary>
    private static void Execute(MySqlConnection connection, string batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var done = 0;
            try
            {
                using var command = new MySqlCommand(batch, connection) { CommandTimeout = 0 };
                // Stopped: the server ends the running statement (KILL QUERY from another connection).
                using var stop = cancellationToken.Register(() =>
                {
                    try { command.Cancel(); }
                    catch (Exception e) when (e is MySqlException or InvalidOperationException or ObjectDisposedException) { /* the connection went first */ }
                });
                using var reader = command.ExecuteReader();
                done = 1;
                while (reader.NextResult()) done++;
                return;
            }
            catch (MySqlException e) when (e.ErrorCode == MySqlErrorCode.LockDeadlock && attempt < DeadlockAttempts)
            {
                batch = From(batch, done);
                cancellationToken.WaitHandle.WaitOne(20 * attempt);
            }
        }
    }

    /// <summary>The batch from its statement <paramref name="index"/> on (a statement ends at a line ending with ';').</summary>
    private static string From(string batch, int index)
    {
        var start = 0;
        for (var skipped = 0; skipped < index && start < batch.Length; )
        {
            var newline = batch.IndexOf('\n', start);
            var lineEnd = newline < 0 ? batch.Length : newline;
            if (batch.AsSpan(start, lineEnd - start).TrimEnd('\r').EndsWith(";", StringComparison.Ordinal)) skipped++;
            start = newline < 0 ? batch.Length : newline + 1;
        }
        return batch[start..];
    }
}
