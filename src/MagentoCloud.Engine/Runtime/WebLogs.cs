using System.Globalization;
using System.Text.RegularExpressions;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Runtime;

/// <summary>
/// An environment's web logs on its hosts, as <c>magento-cloud log</c> gives them: nginx's access and
/// error logs, PHP-FPM's log and PHP's error log, one object per line with the time it carries.
/// </summary>
public static partial class WebLogs
{
    public static readonly IReadOnlyList<string> Names = ["access", "error", "php-fpm", "php"];

    /// <summary>The file of <paramref name="log"/> on a host.</summary>
    public static string File(WebRuntime web, DeployHost host, string log) => log switch
    {
        "access" => web.Server(host).LogFolder(web.Environment) + "/access.log",
        "error" => web.Server(host).LogFolder(web.Environment) + "/error.log",
        "php-fpm" => web.Pool(host).LogFile,
        "php" => web.Pool(host).RunFolder + "/php-error.log",
        _ => throw new CloudException(CloudErrorId.InvalidArgument, $"There is no log '{log}': choose {string.Join(", ", Names)}.", log),
    };

    /// <summary>The last <paramref name="tail"/> lines of each log on each host (written at or after <paramref name="since"/>), oldest first.</summary>
    public static async Task<IReadOnlyList<CloudLogLine>> ReadAsync(WebRuntime web, IReadOnlyList<DeployHost> hosts, IReadOnlyList<string> logs,
        int tail, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var read = await Task.WhenAll(hosts.SelectMany(host => logs.Select(async log =>
        {
            var result = await host.RunAsync($"tail -n {tail} {ShellQuote.Quote(File(web, host, log))} 2>/dev/null || true",
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(text => new CloudLogLine { Time = TimeOf(text), Host = host.Name, Environment = web.Environment, Log = log, Text = text });
        }))).ConfigureAwait(false);
        return read.SelectMany(lines => lines)
            .Where(line => since is null || line.Time is null || line.Time >= since)
            .OrderBy(line => line.Time ?? DateTimeOffset.MinValue).ToList();
    }

    /// <summary>The time at the start of a line: nginx access (ISO 8601), nginx error (2026/12/04 20:56:03), PHP-FPM and PHP ([04-Dec-2026 20:46:27]).</summary>
    internal static DateTimeOffset? TimeOf(string line)
    {
        if (line.Length > 25 && DateTimeOffset.TryParse(line[..25], CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso) && line[4] == '-')
            return iso;
        if (NginxError().Match(line) is { Success: true } e &&
            DateTime.TryParseExact(e.Groups[1].Value, "yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local))
            return new DateTimeOffset(local);
        if (Php().Match(line) is { Success: true } p &&
            DateTime.TryParseExact(p.Groups[1].Value, "dd-MMM-yyyy HH:mm:ss", CultureInfo.InvariantCulture,
                p.Groups[2].Success ? DateTimeStyles.AssumeUniversal : DateTimeStyles.AssumeLocal, out var php))
            return new DateTimeOffset(php);
        return null;
    }

    [GeneratedRegex(@"^(\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}) \[")]
    private static partial Regex NginxError();

    [GeneratedRegex(@"^\[(\d{2}-[A-Za-z]{3}-\d{4} \d{2}:\d{2}:\d{2})( UTC)?\]")]
    private static partial Regex Php();
}
