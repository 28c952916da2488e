using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// The keyed hash that replacement values derive from: SipHash-2-4-128 under a key taken from the
/// copy's secret. Deterministic per value (the same email gives the same fake everywhere in one
/// copy), 128 bits so distinct values stay distinct, and cheap for the short values of a dump.
/// </summary>
internal sealed class KeyedHash
{
    public const int DigestSize = SipHash.OutputSize;

    private readonly SipHash _prf;

    public KeyedHash(ReadOnlySpan<byte> key)
    {
        // A secret of any length becomes SipHash's 16-byte key; a 16-byte secret is used as it is.
        Span<byte> derived = stackalloc byte[32];
        if (key.Length == SipHash.KeySize) key.CopyTo(derived);
        else SHA256.HashData(key, derived);
        _prf = new SipHash(derived[..SipHash.KeySize]);
        derived.Clear();
    }

    /// <summary>The <see cref="DigestSize"/>-byte digest of <paramref name="message"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Compute(ReadOnlySpan<byte> message, Span<byte> digest) => _prf.Compute(message, digest);
}
