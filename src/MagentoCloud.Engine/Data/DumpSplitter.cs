using System.Buffers;
using System.Runtime.CompilerServices;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// Reads a dump as mariadb-dump and mysqldump write it and cuts it into <see cref="DumpPieceKind"/> pieces for a load
/// over several connections: every INSERT statement at the top level is a piece of rows (those clients never break a
/// line inside a value, so one ends at a line that ends with ';'); the tables' structure and the session settings
/// between them are schema; triggers, routines, events and views (their DELIMITER blocks whole) are objects. The
/// LOCK TABLES and ALTER TABLE ... DISABLE KEYS around a table's rows are left out: several connections load it at once.
/// </summary>
internal sealed class DumpSplitter(Stream input) : IDisposable
{
    private readonly Stream _input = input;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4 << 20);
    private int _pos;
    private int _end;
    private bool _eof;
    private byte[] _delimiter = ";"u8.ToArray();
    private bool _objects;
    private bool _inPrelude = true;
    private readonly MemoryStream _prelude = new();

    /// <summary>The session settings the dump opens with (names, time zone, SQL mode, checks): every loader runs them first.</summary>
    public ReadOnlyMemory<byte> Prelude => _prelude.GetBuffer().AsMemory(0, (int)_prelude.Length);

    /// <summary>Whether the dump's opening settings have all been read (<see cref="Prelude"/> is whole).</summary>
    public bool PreludeRead => !_inPrelude;

    /// <summary>Whether the input starts as a dump of mariadb-dump or mysqldump does (anything else loads over one connection).</summary>
    public async Task<bool> IsDumpAsync(CancellationToken cancellationToken)
    {
        while (_end - _pos < 512 && await FillAsync(cancellationToken).ConfigureAwait(false)) { }
        var head = _buffer.AsSpan(_pos, _end - _pos);
        if (head.StartsWith("/*M!999999"u8))
        {
            var line = head.IndexOf((byte)'\n');
            head = line < 0 ? [] : head[(line + 1)..];
        }
        return head.StartsWith("-- MariaDB dump"u8) || head.StartsWith("-- MySQL dump"u8);
    }

    /// <summary>The whole input, what was read of it so far included: for a load over one connection.</summary>
    public Stream Whole() => new Rest(this);

    /// <summary>The dump's pieces in order; each one's bytes hold until the next is asked for.</summary>
    public async IAsyncEnumerable<(DumpPieceKind Kind, ReadOnlyMemory<byte> Bytes)> PiecesAsync(
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (_pos < _end || await FillAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_end - _pos < 32 && await FillAsync(cancellationToken).ConfigureAwait(false)) { }
            var top = _delimiter.AsSpan().SequenceEqual(";"u8);
            var insert = top && IsInsert(_buffer.AsSpan(_pos, _end - _pos));
            var end = await EndAsync(insert, cancellationToken).ConfigureAwait(false);
            var bytes = _buffer.AsMemory(_pos, end - _pos);
            _pos = end;
            if (insert)
            {
                _inPrelude = false;
                yield return (DumpPieceKind.Rows, bytes);
            }
            else if (Classify(bytes.Span, top) is { } kind) yield return (kind, bytes);
        }
    }

    private static bool IsInsert(ReadOnlySpan<byte> s) =>
        s.StartsWith("INSERT INTO "u8) || s.StartsWith("INSERT IGNORE INTO "u8) || s.StartsWith("REPLACE INTO "u8);

    /// <summary>
    /// Where the piece at the read position ends: past its line's end, or for a <paramref name="statement"/> past the
    /// first line that ends with ';' (before "\n" or "\r\n"); reading more as needed.
    /// </summary>
    private async Task<int> EndAsync(bool statement, CancellationToken cancellationToken)
    {
        var searched = 0; // from the read position, which a fill moves
        while (true)
        {
            var found = _buffer.AsSpan(_pos + searched, _end - _pos - searched).IndexOf((byte)'\n');
            if (found < 0)
            {
                searched = _end - _pos;
                if (!await FillAsync(cancellationToken).ConfigureAwait(false)) return _end;
                continue;
            }
            var end = _pos + searched + found;
            searched += found + 1;
            if (!statement || End(end)) return end + 1;
        }
    }

    /// <summary>Whether the line that ends at <paramref name="newline"/> ends with ';'.</summary>
    private bool End(int newline)
    {
        var last = newline - 1;
        if (last >= _pos && _buffer[last] == '\r') last--;
        return last >= _pos && _buffer[last] == ';';
    }

    private DumpPieceKind? Classify(ReadOnlySpan<byte> line, bool top)
    {
        if (line.StartsWith("DELIMITER "u8))
        {
            _delimiter = line["DELIMITER "u8.Length..].Trim(" \r\n"u8).ToArray();
            _objects = true;
            _inPrelude = false;
            return DumpPieceKind.Objects;
        }
        if (!top) return DumpPieceKind.Objects;
        if (_inPrelude)
        {
            if (IsSetting(line))
            {
                _prelude.Write(line);
                return DumpPieceKind.Schema;
            }
            _inPrelude = false;
        }
        if (line.StartsWith("-- Table structure for table"u8) || line.StartsWith("-- Dumping data for table"u8)
            || line.StartsWith("DROP TABLE IF EXISTS `"u8) || line.StartsWith("CREATE TABLE "u8))
            _objects = false;
        else if (line.StartsWith("-- Temporary table structure for view"u8) || line.StartsWith("-- Final view structure"u8)
                 || line.StartsWith("-- Dumping routines"u8) || line.StartsWith("-- Dumping events"u8)
                 || line.StartsWith("/*!5"u8))
            _objects = true;
        if (line.StartsWith("LOCK TABLES "u8) || line.StartsWith("UNLOCK TABLES"u8) || line.StartsWith("/*!40000 ALTER TABLE "u8)) return null;
        return _objects ? DumpPieceKind.Objects : DumpPieceKind.Schema;
    }

    /// <summary>
    /// The lines a dump opens with: comments, blank lines, the sandbox line, the saved and set session variables
    /// (mysqldump 8 sets the names in a /*!50503 comment).
    /// </summary>
    private static bool IsSetting(ReadOnlySpan<byte> line) =>
        line.Trim(" \r\n"u8).IsEmpty || line.StartsWith("--"u8) || line.StartsWith("/*M!"u8)
        || (line.StartsWith("/*!40"u8) || line.StartsWith("/*!50503 SET NAMES "u8)) && line.IndexOf(" SET "u8) >= 0;

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_eof) return false;
        if (_pos > 0)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _end - _pos);
            _end -= _pos;
            _pos = 0;
        }
        PooledBytes.GrowIfFull(ref _buffer, _end);
        var read = await _input.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        if (read <= 0)
        {
            _eof = true;
            return false;
        }
        _end += read;
        return true;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    /// <summary>What is left in the buffer, then the rest of the input.</summary>
    private sealed class Rest(DumpSplitter splitter) : Transport.ForwardReadStream
    {
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (splitter._pos == splitter._end) return splitter._input.Read(buffer);
            var n = Math.Min(buffer.Length, splitter._end - splitter._pos);
            splitter._buffer.AsSpan(splitter._pos, n).CopyTo(buffer);
            splitter._pos += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (splitter._pos == splitter._end) return await splitter._input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return Read(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

}
