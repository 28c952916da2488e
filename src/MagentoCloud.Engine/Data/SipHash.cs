using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// SipHash-2-4 with its 128-bit output (Aumasson and Bernstein): a keyed pseudo-random function made
/// for short inputs. A 20-byte email costs a handful of 64-bit rounds, where HMAC-SHA256 costs two
/// 64-round compressions; the output is as unpredictable without the key.
/// </summary>
internal sealed class SipHash
{
    public const int KeySize = 16;
    public const int OutputSize = 16;

    private readonly ulong _k0;
    private readonly ulong _k1;

    public SipHash(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize) throw new ArgumentException($"SipHash takes a {KeySize}-byte key.", nameof(key));
        _k0 = BinaryPrimitives.ReadUInt64LittleEndian(key);
        _k1 = BinaryPrimitives.ReadUInt64LittleEndian(key[8..]);
    }

    /// <summary>The 16-byte tag of <paramref name="message"/> into <paramref name="tag"/>, low word first (the reference's byte order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Compute(ReadOnlySpan<byte> message, Span<byte> tag)
    {
        var v0 = _k0 ^ 0x736f6d6570736575UL;
        var v1 = _k1 ^ 0x646f72616e646f6dUL ^ 0xee; // 0xee: the 128-bit variant
        var v2 = _k0 ^ 0x6c7967656e657261UL;
        var v3 = _k1 ^ 0x7465646279746573UL;

        var full = message.Length & ~7;
        for (var at = 0; at < full; at += 8)
        {
            var m = BinaryPrimitives.ReadUInt64LittleEndian(message.Slice(at, 8));
            v3 ^= m;
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            v0 ^= m;
        }

        // The last 0..7 bytes, with the message length in the top byte.
        var last = (ulong)message.Length << 56;
        var rest = message[full..];
        for (var i = 0; i < rest.Length; i++) last |= (ulong)rest[i] << (8 * i);
        v3 ^= last;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        v0 ^= last;

        v2 ^= 0xee;
        for (var i = 0; i < 4; i++) Round(ref v0, ref v1, ref v2, ref v3);
        BinaryPrimitives.WriteUInt64LittleEndian(tag, v0 ^ v1 ^ v2 ^ v3);
        v1 ^= 0xdd;
        for (var i = 0; i < 4; i++) Round(ref v0, ref v1, ref v2, ref v3);
        BinaryPrimitives.WriteUInt64LittleEndian(tag[8..], v0 ^ v1 ^ v2 ^ v3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        v0 += v1;
        v1 = BitOperations.RotateLeft(v1, 13);
        v1 ^= v0;
        v0 = BitOperations.RotateLeft(v0, 32);
        v2 += v3;
        v3 = BitOperations.RotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = BitOperations.RotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = BitOperations.RotateLeft(v1, 17);
        v1 ^= v2;
        v2 = BitOperations.RotateLeft(v2, 32);
    }
}
