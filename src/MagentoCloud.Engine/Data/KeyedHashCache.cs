using System.Runtime.CompilerServices;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// The keyed hashes of recently seen short values: a customer's email, name or city recurs in the
/// customer, address, quote, order and grid tables, and hashing costs more than looking it up.
/// Direct-mapped and fixed in size (a colliding value replaces the older one); it lives only in
/// memory for one pass.
/// </summary>
internal sealed class KeyedHashCache(KeyedHash hash)
{
    private const int Slots = 1 << 16;
    private const int MaxValue = 48;
    private readonly byte[] _values = new byte[Slots * MaxValue];
    private readonly int[] _lengths = new int[Slots]; // 0: empty slot (empty values are never hashed)
    private readonly byte[] _digests = new byte[Slots * KeyedHash.DigestSize];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Compute(ReadOnlySpan<byte> value, Span<byte> digest)
    {
        if (value.IsEmpty || value.Length > MaxValue)
        {
            hash.Compute(value, digest);
            return;
        }
        var slot = Slot(value);
        var stored = _values.AsSpan(slot * MaxValue, value.Length);
        if (_lengths[slot] == value.Length && stored.SequenceEqual(value))
        {
            _digests.AsSpan(slot * KeyedHash.DigestSize, KeyedHash.DigestSize).CopyTo(digest);
            return;
        }
        hash.Compute(value, digest);
        value.CopyTo(stored);
        _lengths[slot] = value.Length;
        digest[..KeyedHash.DigestSize].CopyTo(_digests.AsSpan(slot * KeyedHash.DigestSize, KeyedHash.DigestSize));
    }

    private static int Slot(ReadOnlySpan<byte> value)
    {
        // FNV-1a: short inputs, no setup cost.
        var h = 2166136261u;
        foreach (var b in value) h = (h ^ b) * 16777619u;
        return (int)((h ^ (h >> 16)) & (Slots - 1));
    }
}
