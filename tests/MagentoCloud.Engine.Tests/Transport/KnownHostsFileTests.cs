using System.Security.Cryptography;
using System.Text;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Tests.Transport;

public sealed class KnownHostsFileTests
{
    private static byte[] Key(string type, byte fill)
    {
        var name = Encoding.ASCII.GetBytes(type);
        return [0, 0, 0, (byte)name.Length, .. name, 0, 0, 0, 32, .. Enumerable.Repeat(fill, 32)];
    }

    private static KnownHostsFile FileWith(params string[] lines)
    {
        var path = Path.GetTempFileName();
        File.WriteAllLines(path, lines);
        try { return KnownHostsFile.Load(path); }
        finally { File.Delete(path); }
    }

    private static string Line(string hosts, byte[] key) => $"{hosts} {KnownHostsFile.KeyType(key)} {Convert.ToBase64String(key)}";

    [Fact]
    public void Patterns_negation_and_revocation_follow_openssh()
    {
        var a = Key("ssh-ed25519", 1);
        var b = Key("ssh-ed25519", 2);
        var file = FileWith(Line("*.example.com,!bad.example.com", a), "@revoked " + Line("*", b), "garbage line");

        Assert.Equal(HostKeyMatch.Known, file.Check("web.example.com", a));
        Assert.Equal(HostKeyMatch.Unknown, file.Check("bad.example.com", a));
        Assert.Equal(HostKeyMatch.Changed, file.Check("web.example.com", b));
        Assert.Equal(HostKeyMatch.Unknown, file.Check("[web.example.com]:2222", Key("ssh-rsa", 3)));
    }

    [Fact]
    public void A_hashed_name_matches_only_its_host()
    {
        var salt = RandomNumberGenerator.GetBytes(20);
        var hash = HMACSHA1.HashData(salt, Encoding.ASCII.GetBytes("[10.0.0.5]:2222"));
        var key = Key("ssh-ed25519", 9);
        var file = FileWith(Line($"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hash)}", key));

        Assert.Equal(HostKeyMatch.Known, file.Check("[10.0.0.5]:2222", key));
        Assert.Equal(HostKeyMatch.Unknown, file.Check("10.0.0.5", key));
        Assert.Equal(HostKeyMatch.Changed, file.Check("[10.0.0.5]:2222", Key("ssh-ed25519", 8)));
    }
}
