using System.Buffers;

namespace MagentoCloud.Engine.Data;

/// <summary>Growing the pooled read buffers of the dump readers (a statement or line longer than the buffer).</summary>
internal static class PooledBytes
{
    /// <summary>When <paramref name="buffer"/> is full (<paramref name="used"/> bytes), swaps it for a pooled one twice its size holding the same bytes.</summary>
    public static void GrowIfFull(ref byte[] buffer, int used)
    {
        if (used < buffer.Length) return;
        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        Buffer.BlockCopy(buffer, 0, bigger, 0, used);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }
}
