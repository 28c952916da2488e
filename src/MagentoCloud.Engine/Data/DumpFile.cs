using System.IO.Compression;

namespace MagentoCloud.Engine.Data;

/// <summary>Dump files: written with a chosen compression, read with the one their first bytes show.</summary>
public static class DumpFile
{
    private static ReadOnlySpan<byte> GzipMagic => [0x1f, 0x8b];
    private static ReadOnlySpan<byte> ZstdMagic => [0x28, 0xb5, 0x2f, 0xfd];

    /// <summary>The compression a file name suggests: .gz, .zst, anything else none.</summary>
    public static DumpCompression FromName(string path) =>
        path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? DumpCompression.Gzip
        : path.EndsWith(".zst", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".zstd", StringComparison.OrdinalIgnoreCase) ? DumpCompression.Zstd
        : DumpCompression.None;

    /// <summary>A new private file at <paramref name="temporaryPath"/>, compressing what is written; the caller renames it into place.</summary>
    public static (Stream Compressor, FileStream File) Create(string temporaryPath, DumpCompression compression)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 1 << 20 };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // dumps hold personal data
        var file = new FileStream(temporaryPath, options);
        Stream compressor = compression switch
        {
            // Level 1 keeps up with the dump; gzip is for tools that know nothing else.
            DumpCompression.Zstd => new ZstdSharp.CompressionStream(file, 1, leaveOpen: true),
            DumpCompression.Gzip => new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true),
            _ => new NonClosing(file),
        };
        return (compressor, file);
    }

    /// <summary>Opens a dump file for reading, decompressing by its magic bytes.</summary>
    public static Stream OpenRead(string path, out DumpCompression compression)
    {
        if (!File.Exists(path))
            throw new CloudException(CloudErrorId.InvalidArgument, $"The dump file '{path}' does not exist. Give the path of a .sql, .sql.gz or .sql.zst file.", path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        Span<byte> head = stackalloc byte[4];
        var read = file.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        file.Position = 0;
        if (read >= 2 && head[..2].SequenceEqual(GzipMagic))
        {
            compression = DumpCompression.Gzip;
            return new GZipStream(file, CompressionMode.Decompress);
        }
        if (read >= 4 && head.SequenceEqual(ZstdMagic))
        {
            compression = DumpCompression.Zstd;
            return new ZstdSharp.DecompressionStream(file);
        }
        compression = DumpCompression.None;
        return file;
    }

    /// <summary>Lets a compressor's dispose leave the file open, for a plain file like the others.</summary>
    private sealed class NonClosing(Stream inner) : Transport.ForwardWriteStream
    {
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
        public override void Flush() => inner.Flush();
    }
}
