using System.Text;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Runtime;

/// <summary>
/// One request of an upstream route through a host's own web server, with the route's Host header
/// (run on the host with curl, so the address need not be reachable from this machine; the local default's from here). A 5xx (or
/// another status than the one the topology expects), a timeout or a refused connection is a failure
/// naming host, URL, status and the first 200 bytes of the body; so is the web server's answer for a host
/// it has no site for. The deploy's health check and the
/// go-live check ask the same question this way.
/// </summary>
public static class HealthProbe
{
    /// <summary>What the web server answers for a host none of its sites serves (see <see cref="NginxServer"/>).</summary>
    public const int NotServed = 421;

    /// <summary>Null when the answer is healthy, else what went wrong.</summary>
    public static async Task<string?> RequestAsync(DeployHost host, string listen, HealthCheckTarget target, HealthCheckSettings settings,
        CancellationToken cancellationToken)
    {
        var path = settings.Path ?? target.Url.PathAndQuery;
        var url = $"http://{listen}{(path.StartsWith('/') ? path : "/" + path)}";
        var seconds = Math.Max(1, (int)Math.Ceiling(settings.Timeout.TotalSeconds));
        var (unanswered, status, body) = host.Transport is LocalTransport
            ? await RequestHereAsync(url, target.HostHeader, seconds, cancellationToken).ConfigureAwait(false)
            : await RequestOnHostAsync(host, url, target.HostHeader, seconds, cancellationToken).ConfigureAwait(false);
        if (unanswered is not null && status < 0) return $"Health check on {host.Name} could not run: {unanswered}";
        // 421 is the web server's own answer for a host none of its sites serves: the environment is not served there.
        var failed = unanswered is not null || status is 0 or NotServed || (settings.Status is { } expected ? status != expected : status >= 500);
        if (!failed) return null;
        var what = unanswered ?? (status == NotServed ? $"status {NotServed}: its web server has no site for {target.HostHeader}" : $"status {status}");
        return $"Health check failed on {host.Name}: GET {target.Url} (via {url}) → {what}; body: {Printable(body)}";
    }

    /// <summary>
    /// Through curl on the host. (why it went unanswered, status, first 200 bytes of the body); a status of -1 with a
    /// reason when the check itself could not run there.
    /// </summary>
    private static async Task<(string? Unanswered, int Status, string Body)> RequestOnHostAsync(DeployHost host, string url, string hostHeader, int seconds,
        CancellationToken cancellationToken)
    {
        var script =
            "command -v curl >/dev/null 2>&1 || { echo 'curl is not installed on this host: the health check needs it (Debian: apt-get install curl).' >&2; exit 2; }\n" +
            "b=$(mktemp)\n" +
            $"code=$(curl -sS -o \"$b\" -w '%{{http_code}}' --max-time {seconds} -H {ShellQuote.Quote("Host: " + hostHeader)} {ShellQuote.Quote(url)} 2>/dev/null)\n" +
            "rc=$?\necho \"$rc $code\"\nhead -c 200 \"$b\"\nrm -f \"$b\"\n";
        var result = await host.RunAsync(script, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0) return (result.Error.Trim(), -1, "");
        var newline = result.Output.IndexOf('\n');
        var head = (newline < 0 ? result.Output : result.Output[..newline]).Split(' ');
        var body = newline < 0 ? "" : result.Output[(newline + 1)..];
        var curl = int.TryParse(head[0], out var rc) ? rc : -1;
        var status = head.Length > 1 && int.TryParse(head[1], out var s) ? s : 0;
        return curl switch
        {
            0 => (null, status, body),
            7 => ("connection refused", 0, body),
            28 => ($"no answer within {seconds} s", 0, body),
            _ => ($"curl exit {curl}", 0, body),
        };
    }

    /// <summary>
    /// The local default's web server is this machine's: asked from this process, which saves a deploy starting a
    /// shell and curl. The connection is closed after the answer, so a later reload of nginx never waits for it.
    /// </summary>
    private static async Task<(string? Unanswered, int Status, string Body)> RequestHereAsync(string url, string hostHeader, int seconds,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = hostHeader;
        request.Headers.ConnectionClose = true;
        try
        {
            using var response = await Here.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            var buffer = new byte[200];
            var read = 0;
            while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), timeout.Token).ConfigureAwait(false) is var n and > 0) read += n;
            return (null, (int)response.StatusCode, Encoding.UTF8.GetString(buffer, 0, read));
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            return ("connection refused", 0, "");
        }
        catch (HttpRequestException e)
        {
            return (e.Message, 0, "");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ($"no answer within {seconds} s", 0, "");
        }
    }

    private static readonly HttpClient Here = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private static string Printable(string body)
    {
        var text = new string(body.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return text.Length == 0 ? "(empty)" : $"\"{text}\"";
    }
}
