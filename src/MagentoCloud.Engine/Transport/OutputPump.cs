using System.Text;

namespace MagentoCloud.Engine.Transport;

/// <summary>
/// Drains one output stream of a command: raw bytes to a sink, or UTF-8 text split into lines
/// for a callback and (bounded) capture. Never holds more than a buffer when streaming to a sink.
/// </summary>
internal sealed class OutputPump
{
    internal const int MaxCapturedChars = 8 * 1024 * 1024;

    private readonly StringBuilder _captured = new();
    private readonly StringBuilder _line = new();
    private readonly Action<string>? _onLine;
    private readonly bool _capture;
    private bool _truncated;

    public OutputPump(Action<string>? onLine, bool capture)
    {
        _onLine = onLine;
        _capture = capture;
    }

    public string Text => _truncated ? _captured + "\n[output truncated]" : _captured.ToString();

    public static async Task CopyRawAsync(Stream source, Stream sink, CancellationToken ct)
    {
        await source.CopyToAsync(sink, 81920, ct).ConfigureAwait(false);
        await sink.FlushAsync(ct).ConfigureAwait(false);
    }

    public async Task ReadTextAsync(Stream source, CancellationToken ct)
    {
        var decoder = new UTF8Encoding(false).GetDecoder();
        var bytes = new byte[16384];
        var chars = new char[Encoding.UTF8.GetMaxCharCount(bytes.Length) + 1];
        int read;
        while ((read = await source.ReadAsync(bytes, ct).ConfigureAwait(false)) > 0)
        {
            var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            Append(chars.AsSpan(0, count));
        }
        var rest = decoder.GetChars([], 0, 0, chars, 0, flush: true);
        Append(chars.AsSpan(0, rest));
        if (_line.Length > 0) EmitLine();
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_capture && !_truncated)
        {
            var room = MaxCapturedChars - _captured.Length;
            if (text.Length <= room) _captured.Append(text);
            else { _captured.Append(text[..room]); _truncated = true; }
        }
        if (_onLine is null) return;
        foreach (var c in text)
        {
            if (c == '\n') EmitLine();
            else _line.Append(c);
        }
    }

    private void EmitLine()
    {
        if (_line.Length > 0 && _line[^1] == '\r') _line.Length--;
        var line = _line.ToString();
        _line.Clear();
        _onLine?.Invoke(line);
    }
}
