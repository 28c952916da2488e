using System.Globalization;
using System.Text;

namespace MagentoCloud.Engine.Configuration;

/// <summary>
/// Reads <c>&lt;?php return [ ... ];</c> files (config.php, env.php) without running PHP: literal
/// arrays (short or <c>array( )</c> syntax), string and integer keys, strings, numbers, booleans and
/// null; comments are skipped. Anything PHP would have to evaluate (function calls, constants,
/// concatenation with anything but a quoted string, interpolation) is refused with the file, line and
/// column, never dropped silently. Quoted strings joined with '.' are read, since var_export (and so
/// Magento's writer) spells a string holding a NUL byte as <c>'a' . "\0" . 'b'</c>.
/// </summary>
public sealed class PhpArrayReader
{
    private readonly string _text;
    private readonly string _file;
    private int _pos;
    private bool? _trailingComma;
    private bool? _listKeys;
    private bool? _compactEmpty;
    // Where the last scalar read was spelled in a way the writer would not reproduce (kept so it is).
    private (int Start, int End)? _literal;

    private PhpArrayReader(string text, string file)
    {
        _text = text;
        _file = file;
    }

    /// <summary>Reads a file from disk; <paramref name="displayName"/> names it in errors.</summary>
    public static PhpArrayFile ReadFile(string path, string? displayName = null) =>
        Read(File.ReadAllBytes(path), displayName ?? path);

    /// <summary>Reads a file's bytes as PHP does: strings are the bytes between the quotes, whatever their encoding.</summary>
    public static PhpArrayFile Read(ReadOnlySpan<byte> bytes, string file) => Read(PhpText.Decode(bytes), file);

    /// <summary>Reads a stream's bytes (a file in Git, say); the stream is disposed.</summary>
    public static PhpArrayFile Read(Stream stream, string file) => Read(PhpText.Read(stream), file);

    /// <summary>Reads PHP text (bytes that are not UTF-8 escaped as <see cref="PhpText"/> does); <paramref name="file"/> names it in errors.</summary>
    public static PhpArrayFile Read(string text, string file)
    {
        return new PhpArrayReader(text, file).ReadDocument();
    }

    private PhpArrayFile ReadDocument()
    {
        // A byte order mark stays in the prefix, so that a rewritten file keeps it.
        var bom = _text.StartsWith('\uFEFF') ? 1 : 0;
        if (string.Compare(_text, bom, "<?php", 0, 5, StringComparison.OrdinalIgnoreCase) != 0)
            throw Error("expected the file to start with '<?php'");
        _pos = bom + 5;
        SkipTrivia();
        if (!TryKeyword("return"))
            throw Error("expected 'return' followed by the configuration array");
        SkipTrivia();
        var prefix = _text[.._pos];
        var root = ReadValue() as PhpArray ?? throw Error("the file must return an array", _pos);
        var suffixStart = _pos;
        SkipTrivia();
        if (!Take(';')) throw Error("expected ';' after the array");
        SkipTrivia();
        if (_pos < _text.Length && string.CompareOrdinal(_text, _pos, "?>", 0, 2) == 0)
        {
            _pos += 2;
            SkipTrivia();
        }
        if (_pos < _text.Length) throw Error("unexpected text after the returned array");
        return new PhpArrayFile(root, new PhpArrayLayout
        {
            TrailingComma = _trailingComma ?? false,
            ListKeys = _listKeys ?? false,
            CompactEmptyArrays = _compactEmpty ?? false,
            Prefix = prefix,
            Suffix = _text[suffixStart..],
        });
    }

    private object? ReadValue()
    {
        SkipTrivia();
        if (_pos >= _text.Length) throw Error("unexpected end of file; expected a value");
        var start = _pos;
        var c = _text[_pos];
        object? value;
        var canonical = false;
        if (c == '[')
        {
            _pos++;
            value = ReadArrayBody(']', start);
        }
        else if (c is '\'' or '"')
        {
            value = ReadString(out canonical);
            while (TryReadJoinedString(out var piece))
            {
                // Joined as bytes: a UTF-8 character may be split between the pieces.
                value = PhpText.Decode([.. PhpText.Encode((string)value), .. PhpText.Encode(piece)]);
                canonical = false;
            }
        }
        else if (c is '-' or '+' || char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1])))
        {
            value = ReadNumber();
        }
        else if (char.IsAsciiLetter(c) || c == '_' || c == '\\')
        {
            var word = ReadIdentifier();
            SkipTrivia();
            if (word.Equals("array", StringComparison.OrdinalIgnoreCase) && Peek() == '(')
            {
                _pos++;
                value = ReadArrayBody(')', start);
            }
            else if (word.Equals("true", StringComparison.OrdinalIgnoreCase)) (value, canonical) = (true, word == "true");
            else if (word.Equals("false", StringComparison.OrdinalIgnoreCase)) (value, canonical) = (false, word == "false");
            else if (word.Equals("null", StringComparison.OrdinalIgnoreCase)) (value, canonical) = (null, word == "null");
            else if (Peek() == '(') throw Error($"function call '{word}(...)' is not supported; only literal values can be read", start);
            else if (Peek() == ':' && PeekAt(1) == ':') throw Error($"class constant '{word}::...' is not supported; write its literal value instead", start);
            else throw Error($"constant '{word}' is not supported; write its literal value instead", start);
        }
        else if (c == '<' && string.CompareOrdinal(_text, _pos, "<<<", 0, 3) == 0)
        {
            throw Error("heredoc and nowdoc strings are not supported; use a quoted string", start);
        }
        else if (c == '$')
        {
            throw Error("variables are not supported; only literal values can be read", start);
        }
        else
        {
            throw Error($"unexpected '{c}'; expected a value", start);
        }

        var end = _pos;
        if (value is PhpArray || canonical || IsCanonicalInteger(value, start, end)) _literal = null;
        else _literal = (start, end);
        SkipTrivia();
        var next = Peek();
        if (next == '.' ) throw Error("concatenation ('.') of anything but quoted strings is not supported; write the whole value as one literal", _pos);
        if (next is '+' or '-' or '*' or '/' or '|' or '&' or '^' or '?' or '%')
            throw Error($"expression operator '{next}' is not supported; write the computed value as a literal", _pos);
        return value;
    }

    private PhpArray ReadArrayBody(char close, int start)
    {
        var array = new PhpArray();
        var bodyStart = _pos;
        var trailing = false;
        var explicitKeys = false;
        while (true)
        {
            SkipTrivia();
            if (_pos >= _text.Length) throw Error($"unexpected end of file; the array opened here is not closed with '{close}'", start);
            if (_text[_pos] == close)
            {
                if (array.Count == 0)
                    _compactEmpty ??= _text.AsSpan(bodyStart, _pos - bodyStart).IndexOfAny('\n', '\r') < 0;
                _pos++;
                break;
            }
            var elementStart = _pos;
            var first = ReadValue();
            SkipTrivia();
            if (Peek() == '=' && PeekAt(1) == '>')
            {
                _pos += 2;
                if (first is PhpArray) throw Error("an array cannot be a key", elementStart);
                object key = first switch
                {
                    null => "",
                    bool b => b ? 1L : 0L,
                    double d => (long)d, // PHP truncates float keys
                    _ => first,
                };
                explicitKeys = true;
                array.Set(key, ReadValue());
                if (_literal is { } spelled) array.SetLiteral(key, _text[spelled.Start..spelled.End]);
            }
            else
            {
                var spelled = _literal;
                array.Add(first);
                if (spelled is { } s) array.SetLiteral(array.Keys.Last(), _text[s.Start..s.End]);
            }
            SkipTrivia();
            trailing = false;
            if (Take(',')) { trailing = true; continue; }
            SkipTrivia();
            if (Peek() != close) throw Error($"expected ',' or '{close}' after the array element");
        }
        if (array.Count > 0)
        {
            _trailingComma ??= trailing;
            if (array.IsList) _listKeys ??= explicitKeys;
        }
        return array;
    }

    /// <summary>A quoted string, as the bytes PHP makes of it; <paramref name="canonical"/> when the writer spells it the same.</summary>
    private string ReadString(out bool canonical)
    {
        var quote = _text[_pos];
        var start = _pos++;
        // Most strings hold no escape: take them as one slice.
        var stop = _text.AsSpan(_pos).IndexOfAny(quote, '\\', quote == '"' ? '$' : quote);
        if (stop >= 0 && _text[_pos + stop] == quote)
        {
            var plain = _text.Substring(_pos, stop);
            _pos += stop + 1;
            canonical = quote == '\'';
            return plain;
        }
        canonical = false;
        // Escapes make bytes (\xE9 is the byte E9, not the character U+00E9): collect bytes, then decode them.
        var bytes = new List<byte>();
        var run = _pos;
        void Flush(int end) => PhpText.EncodeTo(_text.AsSpan(run, end - run), bytes);
        while (true)
        {
            if (_pos >= _text.Length) throw Error("unterminated string", start);
            var c = _text[_pos++];
            if (c == quote)
            {
                Flush(_pos - 1);
                return PhpText.Decode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
            }
            if (c == '\\' && _pos < _text.Length)
            {
                var e = _text[_pos];
                if (quote == '\'')
                {
                    if (e is '\\' or '\'')
                    {
                        Flush(_pos - 1);
                        _pos++;
                        run = _pos - 1; // the escaped character itself starts the next run
                    }
                    continue;
                }
                Flush(_pos - 1);
                _pos++;
                switch (e)
                {
                    case 'n': bytes.Add((byte)'\n'); break;
                    case 't': bytes.Add((byte)'\t'); break;
                    case 'r': bytes.Add((byte)'\r'); break;
                    case 'v': bytes.Add((byte)'\v'); break;
                    case 'e': bytes.Add(0x1B); break;
                    case 'f': bytes.Add((byte)'\f'); break;
                    case '\\': bytes.Add((byte)'\\'); break;
                    case '$': bytes.Add((byte)'$'); break;
                    case '"': bytes.Add((byte)'"'); break;
                    case >= '0' and <= '7':
                    {
                        var digits = 1;
                        while (digits < 3 && _pos < _text.Length && _text[_pos] is >= '0' and <= '7') { _pos++; digits++; }
                        bytes.Add((byte)(Convert.ToInt32(_text.Substring(_pos - digits, digits), 8) & 0xFF));
                        break;
                    }
                    case 'x' when _pos < _text.Length && char.IsAsciiHexDigit(_text[_pos]):
                    {
                        var digits = 1;
                        if (_pos + 1 < _text.Length && char.IsAsciiHexDigit(_text[_pos + 1])) digits = 2;
                        bytes.Add((byte)Convert.ToInt32(_text.Substring(_pos, digits), 16));
                        _pos += digits;
                        break;
                    }
                    case 'u' when Peek() == '{':
                    {
                        var end = _text.IndexOf('}', _pos);
                        if (end < 0) throw Error("unterminated \\u{...} escape", _pos - 2);
                        var hex = _text[(_pos + 1)..end];
                        if (hex.Length == 0 || !hex.All(char.IsAsciiHexDigit) || hex.Length > 8 || Convert.ToInt64(hex, 16) > 0x10FFFF)
                            throw Error($"\\u{{{hex}}} is not a Unicode code point PHP accepts", _pos - 2);
                        PhpText.EncodeCodePoint(Convert.ToInt32(hex, 16), bytes);
                        _pos = end + 1;
                        break;
                    }
                    default: bytes.Add((byte)'\\'); _pos--; break; // not an escape: the backslash stays, the character is read again
                }
                run = _pos;
                continue;
            }
            if (quote == '"' && c == '$' && _pos < _text.Length && (char.IsAsciiLetter(_text[_pos]) || _text[_pos] is '_' or '{'))
                throw Error("variable interpolation in a double-quoted string is not supported; use a single-quoted string", _pos - 1);
            if (quote == '"' && c == '{' && Peek() == '$')
                throw Error("variable interpolation in a double-quoted string is not supported; use a single-quoted string", _pos - 1);
        }
    }

    /// <summary>Reads <c>. 'more'</c> after a quoted string; leaves the position alone when no quoted string follows a '.'.</summary>
    private bool TryReadJoinedString(out string piece)
    {
        var start = _pos;
        SkipTrivia();
        if (Take('.'))
        {
            SkipTrivia();
            if (Peek() is '\'' or '"')
            {
                piece = ReadString(out _);
                return true;
            }
        }
        _pos = start;
        piece = "";
        return false;
    }

    private bool IsCanonicalInteger(object? value, int start, int end)
    {
        if (value is not long n) return false;
        Span<char> digits = stackalloc char[24];
        return n.TryFormat(digits, out var written, provider: CultureInfo.InvariantCulture)
               && _text.AsSpan(start, end - start).SequenceEqual(digits[..written]);
    }

    private object ReadNumber()
    {
        var start = _pos;
        var negative = false;
        while (_pos < _text.Length && _text[_pos] is '-' or '+')
        {
            if (_text[_pos] == '-') negative = !negative;
            _pos++;
            SkipTrivia();
        }
        var numberStart = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '.' or '_'
                   || (_text[_pos] is '+' or '-' && _text[_pos - 1] is 'e' or 'E' && !IsHexOrBinary(numberStart))))
            _pos++;
        var raw = _text[numberStart.._pos].Replace("_", "");
        if (raw.Length == 0) throw Error("expected a number", start);
        try
        {
            if (raw.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                return Sign(Convert.ToInt64(raw[2..], 16), negative);
            if (raw.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
                return Sign(Convert.ToInt64(raw[2..], 2), negative);
            if (raw.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
                return Sign(Convert.ToInt64(raw[2..], 8), negative);
            if (raw.IndexOfAny(['.', 'e', 'E']) >= 0)
            {
                var d = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
                return negative ? -d : d;
            }
            if (raw.Length > 1 && raw[0] == '0')
                return Sign(Convert.ToInt64(raw[1..], 8), negative);
            if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                return Sign(n, negative);
            // Beyond 64 bits PHP reads a float.
            var big = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
            return negative ? -big : big;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            throw Error($"'{_text[start.._pos]}' is not a number PHP reads", start);
        }
    }

    private bool IsHexOrBinary(int numberStart) =>
        numberStart + 1 < _text.Length && _text[numberStart] == '0' && _text[numberStart + 1] is 'x' or 'X' or 'b' or 'B';

    private static long Sign(long n, bool negative) => negative ? -n : n;

    private string ReadIdentifier()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '\\')) _pos++;
        return _text[start.._pos];
    }

    private bool TryKeyword(string word)
    {
        if (string.Compare(_text, _pos, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) != 0) return false;
        var end = _pos + word.Length;
        if (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '_')) return false;
        _pos = end;
        return true;
    }

    private void SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (char.IsWhiteSpace(c)) { _pos++; continue; }
            if (c == '#' || (c == '/' && PeekAt(1) == '/'))
            {
                if (c == '#' && PeekAt(1) == '[') throw Error("attributes are not supported", _pos);
                while (_pos < _text.Length && _text[_pos] != '\n') _pos++;
                continue;
            }
            if (c == '/' && PeekAt(1) == '*')
            {
                var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0) throw Error("unterminated /* comment", _pos);
                _pos = end + 2;
                continue;
            }
            break;
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private char PeekAt(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private bool Take(char c)
    {
        if (Peek() != c) return false;
        _pos++;
        return true;
    }

    private CloudException Error(string what, int? at = null)
    {
        var position = Math.Min(at ?? _pos, _text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < position; i++)
        {
            if (_text[i] == '\n') { line++; lineStart = i + 1; }
        }
        var column = position - lineStart + 1;
        return new CloudException(
            CloudErrorId.ConfigInvalid,
            $"{_file}, line {line}, column {column}: {what}. This file may hold only a returned array of literal values " +
            "(as Magento writes it); fix it by hand, or restore it from Git and export again with Export-CloudConfig.",
            target: $"{_file}:{line}:{column}");
    }
}
