using System.Text;

namespace MagentoCloud.Engine.Transport;

/// <summary>
/// Reads one endless stream (a long-lived shell's stdout or stderr) as a series of frames, each
/// ended by a marker the caller chose and a trailer line after it (an exit code, say). Bytes read
/// past a frame's end stay here for the next frame.
/// </summary>
internal sealed class MarkedStreamReader(Stream source)
{
    private byte[] _buffer = new byte[16384];
    private int _start;
    private int _end;

    /// <summary>The next frame: its bytes up to <paramref name="marker"/>, then end-of-stream. <see cref="Frame.Trailer"/> holds the rest of the marker's line.</summary>
    public Frame Next(string marker) => new(this, Encoding.ASCII.GetBytes(marker));

    private ReadOnlySpan<byte> Pending => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Reads more of the source into the buffer; false at its end.</summary>
    private async Task<bool> FillAsync(CancellationToken ct)
    {
        if (_start > 0)
        {
            Pending.CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = await source.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }

    internal sealed class Frame(MarkedStreamReader reader, byte[] marker) : ForwardReadStream
    {
        private bool _ended;

        /// <summary>The text between the marker and the end of its line, once the frame has been read to its end.</summary>
        public string? Trailer { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken ct = default)
        {
            while (!_ended)
            {
                var pending = reader.Pending;
                var at = pending.IndexOf(marker);
                // Without the marker, hold back what could be its first bytes.
                var deliverable = at >= 0 ? at : Math.Max(0, pending.Length - (marker.Length - 1));
                if (deliverable > 0)
                {
                    var count = Math.Min(deliverable, destination.Length);
                    pending[..count].CopyTo(destination.Span);
                    reader._start += count;
                    return count;
                }
                if (at == 0 && pending.IndexOf((byte)'\n') is var newline and >= 0)
                {
                    Trailer = Encoding.ASCII.GetString(pending[marker.Length..newline]);
                    reader._start += newline + 1;
                    _ended = true;
                    break;
                }
                if (!await reader.FillAsync(ct).ConfigureAwait(false))
                    throw new EndOfStreamException("The host's shell ended before the command finished.");
            }
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
    }
}
