using System.Text;
using System.Text.Unicode;

namespace MagentoCloud.Engine.Configuration;

/// <summary>
/// PHP strings are bytes, not characters. A byte string that is valid UTF-8 becomes the .NET string
/// it spells; each byte of an invalid sequence (an ISO-8859-1 'é' is the lone byte E9) becomes the
/// lone low surrogate U+DC00 + byte, which no valid UTF-8 can produce (as Python's surrogateescape).
/// <see cref="Encode(string)"/> turns those back into the same bytes, so every PHP string, whatever
/// its encoding, reads and writes back byte for byte.
/// </summary>
public static class PhpText
{
    private const char EscapeBase = '\uDC00';

    /// <summary>Bytes as PHP holds them, to the string that stands for them.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes)) return Encoding.UTF8.GetString(bytes);
        var builder = new StringBuilder(bytes.Length);
        Span<char> chars = stackalloc char[2];
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                builder.Append(chars[..rune.EncodeToUtf16(chars)]);
                bytes = bytes[consumed..];
            }
            else
            {
                builder.Append((char)(EscapeBase + bytes[0]));
                bytes = bytes[1..];
            }
        }
        return builder.ToString();
    }

    /// <summary>A stream's bytes (a file in Git, say), decoded as <see cref="Decode"/> does; the stream is disposed.</summary>
    public static string Read(Stream stream)
    {
        using (stream)
        using (var bytes = new MemoryStream())
        {
            stream.CopyTo(bytes);
            return Decode(bytes.GetBuffer().AsSpan(0, (int)bytes.Length));
        }
    }

    /// <summary>The bytes a string stands for: UTF-8, with escaped bytes written back raw.</summary>
    public static byte[] Encode(string text)
    {
        // Text without escaped bytes is plain UTF-8 (a lone surrogate becomes U+FFFD either way).
        if (text.AsSpan().IndexOfAnyInRange('\uDC80', '\uDCFF') < 0) return Encoding.UTF8.GetBytes(text);
        var buffer = new List<byte>(text.Length);
        EncodeTo(text, buffer);
        return buffer.ToArray();
    }

    /// <summary>Appends the bytes <paramref name="text"/> stands for.</summary>
    public static void EncodeTo(ReadOnlySpan<char> text, List<byte> buffer)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80) { buffer.Add((byte)c); continue; }
            if (IsEscapedByte(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
            {
                buffer.Add((byte)(c - EscapeBase));
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var length = new Rune(c, text[i + 1]).EncodeToUtf8(utf8);
                buffer.AddRange(utf8[..length]);
                i++;
                continue;
            }
            var rune = Rune.TryCreate(c, out var r) ? r : Rune.ReplacementChar;
            buffer.AddRange(utf8[..rune.EncodeToUtf8(utf8)]);
        }
    }

    /// <summary>Appends a code point as PHP's <c>"\u{...}"</c> does: UTF-8, surrogate code points included.</summary>
    public static void EncodeCodePoint(int codePoint, List<byte> buffer)
    {
        if (codePoint < 0x80) buffer.Add((byte)codePoint);
        else if (codePoint < 0x800)
        {
            buffer.Add((byte)(0xC0 | codePoint >> 6));
            buffer.Add((byte)(0x80 | codePoint & 0x3F));
        }
        else if (codePoint < 0x10000)
        {
            buffer.Add((byte)(0xE0 | codePoint >> 12));
            buffer.Add((byte)(0x80 | codePoint >> 6 & 0x3F));
            buffer.Add((byte)(0x80 | codePoint & 0x3F));
        }
        else
        {
            buffer.Add((byte)(0xF0 | codePoint >> 18));
            buffer.Add((byte)(0x80 | codePoint >> 12 & 0x3F));
            buffer.Add((byte)(0x80 | codePoint >> 6 & 0x3F));
            buffer.Add((byte)(0x80 | codePoint & 0x3F));
        }
    }

    private static bool IsEscapedByte(char c) => c is >= '\uDC80' and <= '\uDCFF';
}
