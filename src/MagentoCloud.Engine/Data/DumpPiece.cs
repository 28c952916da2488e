using System.Buffers;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// A run of a dump's bytes of one <see cref="DumpPieceKind"/>, in a buffer rented from the shared pool: the one who
/// uses it last gives it back with <see cref="Return"/>.
/// </summary>
internal readonly record struct DumpPiece(DumpPieceKind Kind, byte[] Buffer, int Length)
{
    public ReadOnlyMemory<byte> Bytes => Buffer.AsMemory(0, Length);

    public static DumpPiece Copy(DumpPieceKind kind, ReadOnlySpan<byte> bytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, bytes.Length));
        bytes.CopyTo(buffer);
        return new DumpPiece(kind, buffer, bytes.Length);
    }

    public void Return() => ArrayPool<byte>.Shared.Return(Buffer);
}
