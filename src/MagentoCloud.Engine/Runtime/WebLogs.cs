using System.Globalization;
using System.Text.RegularExpressions;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Runtime;

/// <summary>
/// An environment's logs on its hosts, as <c>magento-cloud log</c> gives them: nginx's access and
/// error logs, PHP-FPM's log, PHP's error log, and the hooks' (deploy) and crons' (cron) output, one
/// object per line with the time it carries.
/// </summary>
public static partial class WebLogs
{
    public static readonly IReadOnlyList<string> Names = ["access", "error", "php-fpm", "php", "deploy", "cron"];

    /// <summary>The file of <paramref name="log"/> on a host; null for a web log of an environment that has no web runtime.</summary>
    public static string? File(WebRuntime? web, DeployHost host, string log) => log switch
    {
        "access" => web?.Server(host).LogFolder(web.Environment) + "/access.log",
        "error" => web?.Server(host).LogFolder(web.Environment) + "/error.log",
        "php-fpm" => web?.Pool(host).LogFile,
        "php" => web is null ? null : web.Pool(host).RunFolder + "/php-error.log",
        "deploy" or "cron" => HostLog.File(host, log),
        _ => throw new CloudException(CloudErrorId.InvalidArgument, $"There is no log '{log}': choose {string.Join(", ", Names)}.", log),
    };

    /// <summary>The last <paramref name="tail"/> lines of each log on each host (written at or after <paramref name="since"/>), oldest first.</summary>
    public static async Task<IReadOnlyList<CloudLogLine>> ReadAsync(string environment, WebRuntime? web, IReadOnlyList<DeployHost> hosts,
        IReadOnlyList<string> logs, int tail, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var read = await Task.WhenAll(hosts.SelectMany(host => logs.Select(async log =>
        {
            if (File(web, host, log) is not { } file) return [];
            var result = await host.RunAsync($"tail -n {tail} {ShellQuote.Quote(file)} 2>/dev/null || true",
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(text => new CloudLogLine { Time = TimeOf(text), Host = host.Name, Environment = environment, Log = log, Text = text });
        }))).ConfigureAwait(false);
        return read.SelectMany(lines => lines)
            .Where(line => Since(line, since))
            .OrderBy(line => line.Time ?? DateTimeOffset.MinValue).ToList();
    }

    /// <summary>
    /// Follows the logs on every host until cancelled, as <c>tail -F</c> does (across rotations): the last
    /// <paramref name="tail"/> lines of each log first, then each new line as it is written, handed to
    /// <paramref name="write"/> at once and kept nowhere. The remote <c>tail</c> lives only as long as the
    /// command's input stays open: a cancel closes it (and ends the command's process group), and so does a
    /// channel or connection that goes away, or this process dying; then <c>cat</c> sees end-of-file and the
    /// script ends its <c>tail</c>, so nothing is left behind on a host.
    /// </summary>
    public static Task FollowAsync(string environment, WebRuntime? web, IReadOnlyList<DeployHost> hosts, IReadOnlyList<string> logs,
        int tail, DateTimeOffset? since, Action<CloudLogLine> write, CancellationToken cancellationToken) =>
        Task.WhenAll(hosts.Select(async host =>
        {
            var files = logs.Select(log => (Log: log, File: File(web, host, log))).Where(f => f.File is not null).ToList();
            if (files.Count == 0) return;
            var current = files[0].Log;
            await using var input = new OpenInput();
            // -v: a header names the file before its lines, whichever file writes; but a file that appears (first written, or
            // replaced by a rotation) gets no header, only tail's notice, so that comes in order with the lines (2>&1, in English).
            var script = $"LC_ALL=C tail -v -n {tail} -F {string.Join(' ', files.Select(f => ShellQuote.Quote(f.File!)))} 2>&1 &\n" +
                         "mc_tail=$!; trap 'kill $mc_tail 2>/dev/null' EXIT HUP INT TERM\n" +
                         "cat > /dev/null\n";
            // userCode: a channel of its own (never a pooled shell), whose input is ours to keep open.
            await host.RunAsync(script, input, (text, isError) =>
            {
                if (isError) return;
                if (text.StartsWith("==> ", StringComparison.Ordinal) && text.EndsWith(" <==", StringComparison.Ordinal))
                {
                    var name = text[4..^4];
                    current = files.FirstOrDefault(f => f.File == name).Log ?? current;
                    return;
                }
                if (text.StartsWith("tail: ", StringComparison.Ordinal) && files.FirstOrDefault(f => text.Contains($"'{f.File}'", StringComparison.Ordinal)) is { Log: { } named })
                {
                    if (text.Contains("has appeared", StringComparison.Ordinal) || text.Contains("has been replaced", StringComparison.Ordinal)) current = named;
                    return;
                }
                if (text.Length == 0) return;
                var line = new CloudLogLine { Time = TimeOf(text), Host = host.Name, Environment = environment, Log = current, Text = text };
                if (Since(line, since)) write(line);
            }, cancellationToken, userCode: true, capture: false).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }));

    private static bool Since(CloudLogLine line, DateTimeOffset? since) => since is null || line.Time is null || line.Time >= since;

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
