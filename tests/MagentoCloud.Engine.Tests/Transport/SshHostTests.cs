using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Tests.Transport;

public sealed class SshHostTests
{
    [Theory]
    [InlineData("deploy@web1.example.com", "deploy", "web1.example.com", 22, "deploy@web1.example.com:22")]
    [InlineData("deploy@10.0.0.5:2222", "deploy", "10.0.0.5", 2222, "deploy@10.0.0.5:2222")]
    [InlineData("deploy@[2001:db8::5]:2200", "deploy", "2001:db8::5", 2200, "deploy@[2001:db8::5]:2200")]
    [InlineData("deploy@[::1]", "deploy", "::1", 22, "deploy@[::1]:22")]
    [InlineData("web_2:22", "me", "web_2", 22, "me@web_2:22")]
    public void Valid_specs_parse(string spec, string user, string host, int port, string text)
    {
        var parsed = SshHost.Parse(spec, defaultUser: "me");

        Assert.Equal(new SshHost(user, host, port), parsed);
        Assert.Equal(text, parsed.ToString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("@host", "user before '@' is empty")]
    [InlineData("deploy@", "host name is empty")]
    [InlineData("deploy@host:0", "port '0'")]
    [InlineData("deploy@host:65536", "port '65536'")]
    [InlineData("deploy@host:x", "port 'x'")]
    [InlineData("deploy@[2001:db8::5", "not closed")]
    [InlineData("deploy@[web1]:22", "not an IPv6 address")]
    [InlineData("deploy@2001:db8::5:22x", "in brackets")]
    [InlineData("ops@::1:22", "in brackets")]
    [InlineData("deploy@host name", "whitespace")]
    [InlineData("deploy@-oProxyCommand=x", "not a valid host name")]
    [InlineData("deploy@host;rm", "not a valid host name")]
    public void Invalid_specs_say_what_is_wrong(string spec, string why)
    {
        var e = Assert.Throws<CloudException>(() => SshHost.Parse(spec, "me"));

        Assert.Equal(CloudErrorId.InvalidArgument, e.Id);
        Assert.Contains(why, e.Message);
        Assert.Contains("user@host", e.Message);
    }

    [Fact]
    public void Known_hosts_names_follow_openssh()
    {
        Assert.Equal("web1", new SshHost("u", "web1").KnownHostsName);
        Assert.Equal("[web1]:2222", new SshHost("u", "web1", 2222).KnownHostsName);
        Assert.Equal("[::1]:2222", new SshHost("u", "::1", 2222).KnownHostsName);
    }
}
