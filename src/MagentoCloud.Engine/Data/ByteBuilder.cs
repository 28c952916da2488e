using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace MagentoCloud.Engine.Data;

/// <summary>A reusable, growable byte buffer for building replacement literals without allocating.</summary>
internal sealed class ByteBuilder
{
    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;
    private static readonly SearchValues<byte> Escaped = SearchValues.Create([0, (byte)'\n', (byte)'\r', 0x1a, (byte)'\'', (byte)'\\']);
    private byte[] _bytes = new byte[256];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Drops what was appended after the first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => Length = Math.Min(Length, length);

    public void Append(byte value)
    {
        if (Length == _bytes.Length) Grow(1);
        _bytes[Length++] = value;
    }

    public void Append(ReadOnlySpan<byte> value)
    {
        if (Length + value.Length > _bytes.Length) Grow(value.Length);
        value.CopyTo(_bytes.AsSpan(Length));
        Length += value.Length;
    }

    public void AppendAscii(string value)
    {
        foreach (var c in value) Append((byte)c);
    }

    public void AppendHex(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
        {
            Append(HexDigits[b >> 4]);
            Append(HexDigits[b & 0xf]);
        }
    }

    public void AppendNumber(ulong value)
    {
        if (Length + 20 > _bytes.Length) Grow(20);
        Utf8Formatter.TryFormat(value, _bytes.AsSpan(Length), out var written);
        Length += written;
    }

    /// <summary>Zero-padded to <paramref name="digits"/>.</summary>
    public void AppendDigits(uint value, int digits)
    {
        if (Length + digits + 10 > _bytes.Length) Grow(digits + 10);
        Utf8Formatter.TryFormat(value, _bytes.AsSpan(Length), out var written, new StandardFormat('D', (byte)digits));
        Length += written;
    }

    /// <summary>A quoted SQL string, escaped the way mysqldump escapes (backslash escapes, so it reads back in any SQL mode mysqldump sets).</summary>
    public void AppendQuoted(string value)
    {
        Append((byte)'\'');
        AppendEscaped(Encoding.UTF8.GetBytes(value));
        Append((byte)'\'');
    }

    /// <summary>The body of a quoted SQL string: bytes escaped as mysqldump escapes them (a double quote may stay bare).</summary>
    public void AppendEscaped(ReadOnlySpan<byte> value)
    {
        while (true)
        {
            // Runs of plain bytes go whole; only the few that need a backslash go one by one.
            var special = value.IndexOfAny(Escaped);
            if (special < 0)
            {
                Append(value);
                return;
            }
            Append(value[..special]);
            var b = value[special];
            value = value[(special + 1)..];
            switch (b)
            {
                case 0: Append("\\0"u8); break;
                case (byte)'\n': Append("\\n"u8); break;
                case (byte)'\r': Append("\\r"u8); break;
                case 0x1a: Append("\\Z"u8); break;
                case (byte)'\'': Append("\\'"u8); break;
                default: Append("\\\\"u8); break; // the backslash
            }
        }
    }

    private void Grow(int more)
    {
        var bigger = new byte[Math.Max(_bytes.Length * 2, Length + more)];
        _bytes.AsSpan(0, Length).CopyTo(bigger);
        _bytes = bigger;
    }
}
