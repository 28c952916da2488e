using System.Text;
using MagentoCloud.Engine.Data;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>Runs the sanitizer over bytes in memory, fed in reads of a chosen size.</summary>
internal static class DumpText
{
    public static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public static (byte[] Output, SanitizeReport Report) Run(byte[] dump, SanitizeRules? rules = null,
        DumpSanitizerOptions? options = null, Func<int>? readSize = null, byte[]? key = null)
    {
        var sanitizer = new DumpSanitizer(rules ?? SanitizeRules.BuiltIn, key ?? Key, options);
        using var input = new ChunkedStream(dump, readSize ?? (() => int.MaxValue));
        using var output = new MemoryStream();
        var report = sanitizer.Sanitize(input, output);
        return (output.ToArray(), report);
    }

    public static string RunText(string dump, SanitizeRules? rules = null, DumpSanitizerOptions? options = null) =>
        Encoding.UTF8.GetString(Run(Encoding.UTF8.GetBytes(dump), rules, options).Output);

    /// <summary>A read-only stream that hands out at most readSize() bytes per read.</summary>
    private sealed class ChunkedStream(byte[] data, Func<int> readSize) : Stream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, readSize()), data.Length - _position);
            if (n <= 0) return 0;
            Buffer.BlockCopy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
