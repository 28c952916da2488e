using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Tests.Transport;

public sealed class ShellQuoteTests
{
    [Fact]
    public async Task Every_hostile_word_survives_a_real_shell_unchanged()
    {
        var line = "printf '%s\\0' " + ShellQuote.Join(TransportContract.HostileWords);

        var result = await new LocalTransport().RunAsync(CommandRequest.Command("/bin/sh", "-c", line));

        Assert.Equal(TransportContract.HostileWords, result.Output.Split('\0')[..^1]);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("/var/www/releases/20260101-1", "/var/www/releases/20260101-1")]
    [InlineData("", "''")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("a=b", "'a=b'")]
    [InlineData("~", "'~'")]
    public void Quoting_is_minimal_and_exact(string word, string quoted) => Assert.Equal(quoted, ShellQuote.Quote(word));

    [Fact]
    public void A_NUL_character_cannot_be_quoted() => Assert.Throws<ArgumentException>(() => ShellQuote.Quote("a\0b"));
}
