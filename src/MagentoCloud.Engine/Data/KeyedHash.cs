using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// HMAC-SHA256 for many short messages under one key. The key's inner and outer pads are hashed
/// once, so a value of up to 55 bytes costs two SHA-256 blocks and no native call: the platform's
/// HMAC pays more for its per-call setup than for the hashing itself when values are this short.
/// </summary>
internal sealed class KeyedHash
{
    private static readonly uint[] Initial =
    [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];

    private static readonly uint[] RoundConstants =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private readonly uint[] _inner = new uint[8];
    private readonly uint[] _outer = new uint[8];
    private readonly uint[] _schedule = new uint[64];

    public KeyedHash(ReadOnlySpan<byte> key)
    {
        Span<byte> padded = stackalloc byte[64];
        padded.Clear();
        if (key.Length > 64) SHA256.HashData(key, padded);
        else key.CopyTo(padded);
        Span<byte> pad = stackalloc byte[64];
        for (var i = 0; i < 64; i++) pad[i] = (byte)(padded[i] ^ 0x36);
        Initial.CopyTo(_inner, 0);
        Compress(_inner, pad);
        for (var i = 0; i < 64; i++) pad[i] = (byte)(padded[i] ^ 0x5c);
        Initial.CopyTo(_outer, 0);
        Compress(_outer, pad);
        padded.Clear();
    }

    /// <summary>HMAC-SHA256(key, message) into the 32 bytes of <paramref name="digest"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Compute(ReadOnlySpan<byte> message, Span<byte> digest)
    {
        Span<uint> state = stackalloc uint[8];
        _inner.CopyTo(state);
        var full = message.Length & ~63;
        for (var at = 0; at < full; at += 64) Compress(state, message.Slice(at, 64));

        // The last bytes, 0x80, zeros, and the bit length of pad + message.
        Span<byte> tail = stackalloc byte[128];
        tail.Clear();
        var rest = message.Length - full;
        message[full..].CopyTo(tail);
        tail[rest] = 0x80;
        var tailLength = rest + 9 <= 64 ? 64 : 128;
        BinaryPrimitives.WriteUInt64BigEndian(tail[(tailLength - 8)..], (ulong)(64 + message.Length) * 8);
        Compress(state, tail[..64]);
        if (tailLength == 128) Compress(state, tail[64..]);

        Span<byte> block = tail[..64];
        block.Clear();
        for (var i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32BigEndian(block[(i * 4)..], state[i]);
        block[32] = 0x80;
        BinaryPrimitives.WriteUInt64BigEndian(block[56..], (64 + 32) * 8);
        _outer.CopyTo(state);
        Compress(state, block);
        for (var i = 0; i < 8; i++) BinaryPrimitives.WriteUInt32BigEndian(digest[(i * 4)..], state[i]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Compress(Span<uint> state, ReadOnlySpan<byte> block)
    {
        // Unchecked element access: the loops' bounds are fixed, and checks cost a third of the time here.
        ref var w = ref MemoryMarshal.GetArrayDataReference(_schedule);
        ref var k = ref MemoryMarshal.GetArrayDataReference(RoundConstants);
        ref var input = ref MemoryMarshal.GetReference(block);
        for (var i = 0; i < 16; i++)
            Unsafe.Add(ref w, i) = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref input, i * 4)));
        for (var i = 16; i < 64; i++)
        {
            uint w15 = Unsafe.Add(ref w, i - 15), w2 = Unsafe.Add(ref w, i - 2);
            var s0 = BitOperations.RotateRight(w15, 7) ^ BitOperations.RotateRight(w15, 18) ^ (w15 >> 3);
            var s1 = BitOperations.RotateRight(w2, 17) ^ BitOperations.RotateRight(w2, 19) ^ (w2 >> 10);
            Unsafe.Add(ref w, i) = Unsafe.Add(ref w, i - 16) + s0 + Unsafe.Add(ref w, i - 7) + s1;
        }
        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        for (var i = 0; i < 64; i++)
        {
            var t1 = h + (BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25))
                       + ((e & f) ^ (~e & g)) + Unsafe.Add(ref k, i) + Unsafe.Add(ref w, i);
            var t2 = (BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22))
                     + ((a & b) ^ (a & c) ^ (b & c));
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
