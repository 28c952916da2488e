using MagentoCloud.Engine.Data;

namespace MagentoCloud.Engine.Tests.Data;

public sealed class KeyedHashTests
{
    // The SipHash reference's 128-bit vectors: key 00..0f, message 00..(n-1).
    [Theory]
    [InlineData(0, "a3817f04ba25a8e66df67214c7550293")]
    [InlineData(1, "da87c1d86b99af44347659119b22fc45")]
    [InlineData(2, "8177228da4a45dc7fca38bdef60affe4")]
    [InlineData(7, "a1f1ebbed8dbc153c0b84aa61ff08239")]
    [InlineData(8, "3b62a9ba6258f5610f83e264f31497b4")]
    [InlineData(15, "5493e99933b0a8117e08ec0f97cfc3d9")]
    [InlineData(16, "6ee2a4ca67b054bbfd3315bf85230577")]
    [InlineData(31, "2939b0183223fafc1723de4f52c43d35")]
    [InlineData(63, "5150d1772f50834a503e069a973fbd7c")]
    public void SipHash_2_4_128_matches_the_reference_vectors(int length, string expected)
    {
        var key = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        var message = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        var tag = new byte[16];
        new SipHash(key).Compute(message, tag);
        Assert.Equal(expected, Convert.ToHexString(tag).ToLowerInvariant());
    }

    [Fact]
    public void Keyed_hash_is_deterministic_per_key_and_keeps_values_apart()
    {
        var key = DumpSanitizer.NewKey();
        var first = new KeyedHash(key);
        var again = new KeyedHash(key);
        var other = new KeyedHash(DumpSanitizer.NewKey());
        var seen = new HashSet<string>();
        var a = new byte[KeyedHash.DigestSize];
        var b = new byte[KeyedHash.DigestSize];
        for (var i = 0; i < 100_000; i++)
        {
            var message = System.Text.Encoding.ASCII.GetBytes($"customer{i}@mailbox.example");
            first.Compute(message, a);
            again.Compute(message, b);
            Assert.Equal(a, b);
            Assert.True(seen.Add(Convert.ToHexString(a)));
            other.Compute(message, b);
            Assert.NotEqual(a, b);
        }
    }
}
