using System.Security.Cryptography;
using MagentoCloud.Engine.Data;

namespace MagentoCloud.Engine.Tests.Data;

public sealed class KeyedHashTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(100)]
    public void Keyed_hash_is_hmac_sha256_for_messages_of_every_length(int keyLength)
    {
        var random = new Random(keyLength);
        var key = new byte[keyLength];
        random.NextBytes(key);
        var hash = new KeyedHash(key);
        var digest = new byte[32];
        for (var length = 0; length < 300; length++)
        {
            var message = new byte[length];
            random.NextBytes(message);
            hash.Compute(message, digest);
            Assert.Equal(HMACSHA256.HashData(key, message), digest);
        }
    }
}
