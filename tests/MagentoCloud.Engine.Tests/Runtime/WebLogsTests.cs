using MagentoCloud.Engine.Runtime;

namespace MagentoCloud.Engine.Tests.Runtime;

public sealed class WebLogsTests
{
    [Theory]
    [InlineData("2026-12-04T20:56:03+00:00 127.0.0.1 \"GET / HTTP/1.1\" 200 12 0.004 \"curl\"", "2026-12-04T20:56:03+00:00")]
    [InlineData("[04-Dec-2026 20:46:27 UTC] PHP Warning:  Undefined variable $x", "2026-12-04T20:46:27+00:00")]
    public void Times_are_read_from_each_log_format(string line, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), WebLogs.TimeOf(line));

    [Fact]
    public void Local_times_of_nginx_errors_and_php_fpm_are_read_and_a_line_without_one_has_none()
    {
        Assert.Equal(new DateTime(2026, 12, 4, 20, 56, 3), WebLogs.TimeOf("2026/12/04 20:56:03 [crit] 1#1: *1 connect() failed")!.Value.DateTime);
        Assert.Equal(new DateTime(2026, 12, 4, 20, 46, 27), WebLogs.TimeOf("[04-Dec-2026 20:46:27] NOTICE: fpm is running")!.Value.DateTime);
        Assert.Null(WebLogs.TimeOf("a continuation line"));
    }
}
