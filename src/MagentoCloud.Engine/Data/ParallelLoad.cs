using System.Buffers;
using System.Text;
using System.Threading.Channels;
using MySqlConnector;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// Loads one dump (a file's, already through the sanitizer) into a staging schema over several connections, as
/// myloader does a folder: the dump is cut while it is read (<see cref="DumpSplitter"/>); each table's structure is
/// created here on a connection of its own before any of its rows go out; the INSERT statements go, in batches, to
/// whichever import client is free (so one large table loads over all of them); the triggers, routines, events and
/// views follow once every row is in. The loaders turn off unique and foreign-key checks in their own sessions,
/// which only write into the staging schema. The first failure stops the others and is the one thrown; the staging
/// schema is the caller's to drop.
/// </summary>
internal static class ParallelLoad
{
    /// <summary>INSERT statements go to a loader in batches of about this many bytes.</summary>
    private const int BatchBytes = 1 << 20;

    private static readonly byte[] LoaderSettings = "\nSET SESSION unique_checks = 0, foreign_key_checks = 0;\n"u8.ToArray();

    public static async Task RunAsync(Stream dump, StagingSchema staging, DatabaseClient client, int streams, IOperationObserver observer,
        CancellationToken cancellationToken)
    {
        using var splitter = new DumpSplitter(dump);
        if (!await splitter.IsDumpAsync(cancellationToken).ConfigureAwait(false))
        {
            observer.Log("The dump does not start as mariadb-dump or mysqldump writes one: loading it over one connection");
            await staging.ImportAsync(client, splitter.Whole(), cancellationToken).ConfigureAwait(false);
            return;
        }
        observer.Log($"Loading over {streams} connections");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<DumpPiece>(new BoundedChannelOptions(2 * streams) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        var loaders = new List<Task>();
        var schema = new MemoryStream();
        var objects = new MemoryStream();
        var batch = ArrayPool<byte>.Shared.Rent(2 * BatchBytes);
        var batched = 0;
        try
        {
            await using var connection = await OpenAsync(staging, stop.Token).ConfigureAwait(false);
            await foreach (var (kind, bytes) in splitter.PiecesAsync(stop.Token).ConfigureAwait(false))
            {
                // The loaders start as soon as they know the dump's settings: their clients are up when the first rows come.
                if (loaders.Count == 0 && splitter.PreludeRead)
                {
                    var prefix = new byte[splitter.Prelude.Length + LoaderSettings.Length];
                    splitter.Prelude.CopyTo(prefix);
                    LoaderSettings.CopyTo(prefix.AsSpan(splitter.Prelude.Length));
                    loaders.AddRange(Enumerable.Range(0, streams).Select(_ => LoadAsync(staging, client, prefix, channel.Reader, stop)));
                }
                if (kind == DumpPieceKind.Schema) schema.Write(bytes.Span);
                else if (kind == DumpPieceKind.Objects) objects.Write(bytes.Span);
                else
                {
                    // The rows' table must exist before any loader sees them.
                    await RunAsync(connection, schema, stop.Token).ConfigureAwait(false);
                    if (batched > 0 && batched + bytes.Length > BatchBytes)
                    {
                        await channel.Writer.WriteAsync(DumpPiece.Copy(DumpPieceKind.Rows, batch.AsSpan(0, batched)), stop.Token).ConfigureAwait(false);
                        batched = 0;
                    }
                    if (bytes.Length >= BatchBytes) await channel.Writer.WriteAsync(DumpPiece.Copy(DumpPieceKind.Rows, bytes.Span), stop.Token).ConfigureAwait(false);
                    else
                    {
                        bytes.Span.CopyTo(batch.AsSpan(batched));
                        batched += bytes.Length;
                    }
                }
            }
            if (batched > 0) await channel.Writer.WriteAsync(DumpPiece.Copy(DumpPieceKind.Rows, batch.AsSpan(0, batched)), stop.Token).ConfigureAwait(false);
            channel.Writer.Complete();
            await Task.WhenAll(loaders).ConfigureAwait(false);
            await RunAsync(connection, schema, stop.Token).ConfigureAwait(false);
            if (objects.Length > 0)
            {
                // Their DELIMITER blocks are for the import client.
                var script = new MemoryStream();
                script.Write(splitter.Prelude.Span);
                objects.Position = 0;
                await objects.CopyToAsync(script, stop.Token).ConfigureAwait(false);
                script.Position = 0;
                await staging.ImportAsync(client, script, stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            stop.Cancel();
            channel.Writer.TryComplete();
            try { await Task.WhenAll(loaders).ConfigureAwait(false); } catch { /* one error is thrown: the first loader's, if it was first */ }
            while (channel.Reader.TryRead(out var left)) left.Return();
            cancellationToken.ThrowIfCancellationRequested();
            // A loader that failed cancelled the reading: its error is the one to report.
            if (e is OperationCanceledException && loaders.FirstOrDefault(l => l.IsFaulted && l.Exception!.InnerException is not OperationCanceledException)
                    is { } failed)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed.Exception!.InnerException!);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(batch);
        }
    }

    private static async Task<MySqlConnection> OpenAsync(StagingSchema staging, CancellationToken cancellationToken)
    {
        try
        {
            return await staging.OpenInsideAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException e)
        {
            throw new CloudException(CloudErrorId.ImportFailed,
                $"Could not connect to the staging schema {staging.Name} to create the dump's tables: {e.Message}. The destination was left unchanged. " +
                "Check that its database server is reachable, then run it again.", staging.Database, e);
        }
    }

    /// <summary>Runs the schema statements gathered so far on the staging schema's own connection, and forgets them.</summary>
    private static async Task RunAsync(MySqlConnection connection, MemoryStream schema, CancellationToken cancellationToken)
    {
        if (schema.Length == 0) return;
        var text = Encoding.UTF8.GetString(schema.GetBuffer(), 0, (int)schema.Length);
        schema.SetLength(0);
        if (text.AsSpan().Trim().IsEmpty) return;
        try
        {
            await using var command = new MySqlCommand(text, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException e)
        {
            throw new CloudException(CloudErrorId.ImportFailed,
                $"Creating the dump's tables in {connection.Database} failed: {e.Message}. The destination was left unchanged. Fix the cause and run it again.",
                connection.Database, e);
        }
    }

    /// <summary>One import client, fed the prelude, then batches of rows as it takes them; a failure stops the others.</summary>
    private static async Task LoadAsync(StagingSchema staging, DatabaseClient client, byte[] prefix, ChannelReader<DumpPiece> pieces,
        CancellationTokenSource stop)
    {
        try
        {
            await Task.Yield();
            await staging.LoadRowsAsync(client, new PiecesStream(prefix, pieces), stop.Token).ConfigureAwait(false);
        }
        catch
        {
            try { stop.Cancel(); } catch (ObjectDisposedException) { }
            throw;
        }
    }

    /// <summary>A loader's input: the prefix, then whole pieces taken from the shared channel as the client reads.</summary>
    private sealed class PiecesStream(byte[] prefix, ChannelReader<DumpPiece> pieces) : Transport.ForwardReadStream
    {
        private DumpPiece? _piece = new DumpPiece(DumpPieceKind.Schema, prefix, prefix.Length);
        private bool _pooled;
        private int _offset;

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_piece is null || _offset == _piece.Value.Length)
            {
                if (_piece is { } done && _pooled) done.Return();
                _piece = null;
                _offset = 0;
                if (!await pieces.WaitToReadAsync(cancellationToken).ConfigureAwait(false)) return 0;
                if (pieces.TryRead(out var next))
                {
                    _piece = next;
                    _pooled = true;
                }
            }
            var n = Math.Min(buffer.Length, _piece.Value.Length - _offset);
            _piece.Value.Bytes.Slice(_offset, n).CopyTo(buffer);
            _offset += n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            if (_piece is { } piece && _pooled) piece.Return();
            _piece = null;
            base.Dispose(disposing);
        }
    }
}
