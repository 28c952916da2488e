using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Runtime;

/// <summary>
/// One request of an upstream route through a host's own web server, with the route's Host header
/// (run on the host with curl, so the address need not be reachable from this machine). A 5xx (or
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
        var script =
            "command -v curl >/dev/null 2>&1 || { echo 'curl is not installed on this host: the health check needs it (Debian: apt-get install curl).' >&2; exit 2; }\n" +
            "b=$(mktemp)\n" +
            $"code=$(curl -sS -o \"$b\" -w '%{{http_code}}' --max-time {seconds} -H {ShellQuote.Quote("Host: " + target.HostHeader)} {ShellQuote.Quote(url)} 2>/dev/null)\n" +
            "rc=$?\necho \"$rc $code\"\nhead -c 200 \"$b\"\nrm -f \"$b\"\n";
        var result = await host.RunAsync(script, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
            return $"Health check on {host.Name} could not run: {result.Error.Trim()}";
        var newline = result.Output.IndexOf('\n');
        var head = (newline < 0 ? result.Output : result.Output[..newline]).Split(' ');
        var body = newline < 0 ? "" : result.Output[(newline + 1)..];
        var curl = int.TryParse(head[0], out var rc) ? rc : -1;
        var status = head.Length > 1 && int.TryParse(head[1], out var s) ? s : 0;
        // 421 is the web server's own answer for a host none of its sites serves: the environment is not served there.
        var failed = curl != 0 || status is 0 or NotServed || (settings.Status is { } expected ? status != expected : status >= 500);
        if (!failed) return null;
        var what = curl switch
        {
            7 => "connection refused",
            28 => $"no answer within {seconds} s",
            0 when status == NotServed => $"status {NotServed}: its web server has no site for {target.HostHeader}",
            0 => $"status {status}",
            _ => $"curl exit {curl}",
        };
        return $"Health check failed on {host.Name}: GET {target.Url} (via {url}) → {what}; body: {Printable(body)}";
    }

    private static string Printable(string body)
    {
        var text = new string(body.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return text.Length == 0 ? "(empty)" : $"\"{text}\"";
    }
}
