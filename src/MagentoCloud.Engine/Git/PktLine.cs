using System.Text;

namespace MagentoCloud.Engine.Git;

/// <summary>Git's pkt-line framing: four hex digits of length (themselves included), then the data; 0000 flushes.</summary>
internal static class PktLine
{
    private const int MaxLength = 65520;

    public static byte[] Encode(string text)
    {
        var data = Encoding.UTF8.GetBytes(text);
        if (data.Length + 4 > MaxLength) throw new ArgumentException("A pkt-line holds at most 65516 bytes.", nameof(text));
        return [.. Encoding.ASCII.GetBytes((data.Length + 4).ToString("x4")), .. data];
    }

    public static readonly byte[] Flush = "0000"u8.ToArray();

    /// <summary>The next line's text without its newline; null at a flush; throws at end of stream.</summary>
    public static async Task<string?> ReadAsync(Stream stream, CancellationToken ct)
    {
        var header = new byte[4];
        await stream.ReadExactlyAsync(header, ct).ConfigureAwait(false);
        if (!int.TryParse(Encoding.ASCII.GetString(header), System.Globalization.NumberStyles.HexNumber, null, out var length) ||
            length is 1 or 2 or 3 || length > MaxLength)
            throw new InvalidDataException($"'{Encoding.ASCII.GetString(header)}' is not a pkt-line length.");
        if (length == 0) return null;
        var data = new byte[length - 4];
        await stream.ReadExactlyAsync(data, ct).ConfigureAwait(false);
        return Encoding.UTF8.GetString(data).TrimEnd('\n');
    }
}
