using System.Buffers;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// Replaces the email addresses inside one SQL value (a quoted string or a 0x hex literal) with the fakes the
/// <see cref="SanitizeAction.Email"/> action gives the same addresses, wherever they sit: plain text, JSON, or
/// PHP-serialized data, whose <c>s:N:"..."</c> lengths (and <c>C:</c> payload lengths) are rewritten to match, so
/// PHP still unserializes it. Runs only for values that hold an '@'; allocation-free once warm.
/// </summary>
internal sealed class EmailScrubber(KeyedHash prf)
{
    private const int MaxDepth = 8;
    private static readonly SearchValues<byte> LocalPart = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-"u8);
    private static readonly SearchValues<byte> DomainPart = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-"u8);
    private static readonly byte[] FakeDomain = "example.invalid"u8.ToArray();

    private readonly ByteBuilder _raw = new();
    private readonly ByteBuilder[] _levels = Enumerable.Range(0, MaxDepth + 2).Select(_ => new ByteBuilder()).ToArray();
    private readonly byte[] _hash = new byte[KeyedHash.DigestSize];
    private byte[] _lowered = new byte[256];

    /// <summary>
    /// Writes <paramref name="literal"/> with its emails replaced into <paramref name="into"/>; the number replaced,
    /// 0 (and nothing written) when it holds none.
    /// </summary>
    public int Rewrite(ReadOnlySpan<byte> literal, ByteBuilder into)
    {
        var hex = literal.Length > 2 && literal[0] == '0' && literal[1] is (byte)'x' or (byte)'X';
        var quote = hex ? -1 : literal.IndexOf((byte)'\'');
        if (!hex && (quote < 0 || literal[^1] != '\'' || literal.Length - quote < 2)) return 0;
        _raw.Clear();
        if (hex)
        {
            if (!HexDecode(literal[2..], _raw)) return 0;
        }
        else
        {
            Unescape(literal[(quote + 1)..^1], _raw);
        }
        if (_raw.Span.IndexOf((byte)'@') < 0) return 0;
        var clean = _levels[0];
        clean.Clear();
        var replaced = Value(_raw.Span, clean, depth: 1);
        if (replaced == 0) return 0;
        if (hex)
        {
            into.Append(literal[..2]);
            into.AppendHex(clean.Span);
        }
        else
        {
            into.Append(literal[..(quote + 1)]); // a charset introducer stays
            into.AppendEscaped(clean.Span);
            into.Append((byte)'\'');
        }
        return replaced;
    }

    /// <summary>The keyed hash of an address, case-insensitively (Magento compares emails so): one address, one fake.</summary>
    public void Hash(ReadOnlySpan<byte> email, Span<byte> digest)
    {
        if (_lowered.Length < email.Length) _lowered = new byte[Math.Max(email.Length, _lowered.Length * 2)];
        for (var i = 0; i < email.Length; i++)
        {
            var b = email[i];
            _lowered[i] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
        }
        prf.Compute(_lowered.AsSpan(0, email.Length), digest);
    }

    private int Value(ReadOnlySpan<byte> value, ByteBuilder into, int depth)
    {
        if (value.IndexOf((byte)'@') < 0)
        {
            into.Append(value);
            return 0;
        }
        if (depth <= MaxDepth && LooksSerialized(value))
        {
            var mark = into.Length;
            var replaced = Serialized(value, into, depth);
            if (replaced >= 0) return replaced;
            into.Truncate(mark); // not serialized after all: plain text
        }
        return Plain(value, into);
    }

    private static bool LooksSerialized(ReadOnlySpan<byte> s) =>
        s.Length >= 4 && (s[0] is (byte)'a' or (byte)'O' or (byte)'C' or (byte)'s' && s[1] == ':' || s.StartsWith("N;"u8))
        && s[^1] is (byte)';' or (byte)'}';

    /// <summary>
    /// PHP's serialize() format: strings and custom payloads by their byte lengths, every other byte as it is. -1
    /// when it is not well-formed (an '@' outside any string, a length that does not end at its quote).
    /// </summary>
    private int Serialized(ReadOnlySpan<byte> s, ByteBuilder into, int depth)
    {
        var replaced = 0;
        var i = 0;
        while (i < s.Length)
        {
            var b = s[i];
            if (b == '@') return -1;
            if (b is (byte)'s' or (byte)'C' && i + 1 < s.Length && s[i + 1] == ':' && (i == 0 || s[i - 1] is (byte)';' or (byte)'{' or (byte)'}'))
            {
                var at = i + 2;
                var prefixEnd = 0;
                if (b == 'C')
                {
                    // C:<n>:"<class>":<m>:{<m bytes>}
                    if (!Length(s, ref at, out var nameLength) || at + 1 + nameLength + 2 > s.Length || s[at] != '"') return -1;
                    at += 1 + nameLength;
                    if (s[at] != '"' || s[at + 1] != ':') return -1;
                    at += 2;
                    prefixEnd = at;
                }
                if (!Length(s, ref at, out var length) || at + 1 + length + 1 > s.Length) return -1;
                var open = b == 's' ? (byte)'"' : (byte)'{';
                var close = b == 's' ? (byte)'"' : (byte)'}';
                if (s[at] != open || s[at + 1 + length] != close) return -1;
                var payload = s.Slice(at + 1, length);
                var nested = _levels[depth];
                nested.Clear();
                var inner = Value(payload, nested, depth + 1);
                replaced += inner;
                if (b == 's') into.Append("s:"u8);
                else into.Append(s[i..prefixEnd]);
                into.AppendNumber((ulong)nested.Length);
                into.Append((byte)':');
                into.Append(open);
                into.Append(nested.Span);
                into.Append(close);
                i = at + 1 + length + 1;
                continue;
            }
            into.Append(b);
            i++;
        }
        return replaced;
    }

    /// <summary>Reads "&lt;digits&gt;:" at <paramref name="at"/>, leaving it past the colon.</summary>
    private static bool Length(ReadOnlySpan<byte> s, ref int at, out int length)
    {
        length = 0;
        var start = at;
        while (at < s.Length && s[at] is >= (byte)'0' and <= (byte)'9' && at - start < 10) length = length * 10 + (s[at++] - '0');
        if (at == start || at >= s.Length || s[at] != ':') return false;
        at++;
        return at < s.Length;
    }

    /// <summary>Text, JSON or anything else: each address replaced where it stands.</summary>
    private int Plain(ReadOnlySpan<byte> s, ByteBuilder into)
    {
        var replaced = 0;
        var copied = 0;
        var from = 0;
        while (true)
        {
            var found = s[from..].IndexOf((byte)'@');
            if (found < 0) break;
            var at = from + found;
            var local = at;
            while (local > 0 && LocalPart.Contains(s[local - 1])) local--;
            while (local < at && s[local] == '.') local++;
            var end = at + 1;
            while (end < s.Length && DomainPart.Contains(s[end])) end++;
            while (end > at + 1 && s[end - 1] is (byte)'.' or (byte)'-') end--;
            var domain = s[(at + 1)..end];
            var dot = domain.LastIndexOf((byte)'.');
            from = Math.Max(at + 1, end);
            if (local == at || dot <= 0 || domain.Length - dot - 1 < 2 || !IsLetters(domain[(dot + 1)..])
                || local < copied || domain.SequenceEqual(FakeDomain)) continue;
            into.Append(s[copied..local]);
            Hash(s[local..end], _hash);
            FakeValues.AppendEmail(_hash, into);
            copied = end;
            replaced++;
        }
        into.Append(s[copied..]);
        return replaced;
    }

    private static bool IsLetters(ReadOnlySpan<byte> s)
    {
        foreach (var b in s)
            if (!char.IsAsciiLetter((char)b)) return false;
        return true;
    }

    /// <summary>A quoted literal's bytes as the server stores them (mysqldump's backslash escapes, doubled quotes).</summary>
    private static void Unescape(ReadOnlySpan<byte> body, ByteBuilder into)
    {
        for (var i = 0; i < body.Length; i++)
        {
            var run = body[i..].IndexOfAny((byte)'\\', (byte)'\'');
            if (run < 0)
            {
                into.Append(body[i..]);
                return;
            }
            into.Append(body.Slice(i, run));
            i += run;
            var b = body[i];
            if (b == '\'' && i + 1 < body.Length && body[i + 1] == '\'')
            {
                into.Append(b);
                i++;
            }
            else if (b == '\\' && i + 1 < body.Length)
            {
                into.Append(body[++i] switch
                {
                    (byte)'0' => 0, (byte)'n' => (byte)'\n', (byte)'r' => (byte)'\r', (byte)'t' => (byte)'\t',
                    (byte)'b' => (byte)'\b', (byte)'Z' => 0x1a, var other => other,
                });
            }
            else into.Append(b);
        }
    }

    private static bool HexDecode(ReadOnlySpan<byte> hex, ByteBuilder into)
    {
        if (hex.Length % 2 != 0) return false;
        for (var i = 0; i < hex.Length; i += 2)
        {
            var high = HexValue(hex[i]);
            var low = HexValue(hex[i + 1]);
            if (high < 0 || low < 0) return false;
            into.Append((byte)(high << 4 | low));
        }
        return true;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
