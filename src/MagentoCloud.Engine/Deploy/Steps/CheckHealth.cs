using MagentoCloud.Engine.Runtime;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Every deploy ends live and checked: on every host, each upstream route is requested through that
/// host's own nginx with the environment's Host header. A 5xx (or another status than the one the
/// topology expects), a timeout or a refused connection fails the deploy, naming host, URL, status and
/// the first 200 bytes of the body. With <c>rollback_on_failure</c>, every host goes back to the
/// previous release first (the platform does not do this; we do).
/// </summary>
public sealed class CheckHealth : IDeployStep
{
    public string Name => nameof(CheckHealth);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (context.Web is not { } web || context.HealthChecks.Count == 0) return;
        var failures = (await Task.WhenAll(context.Hosts.SelectMany(host => context.HealthChecks.Select(target =>
            RequestAsync(host, web.Listen(host), target, context, cancellationToken)))).ConfigureAwait(false))
            .OfType<string>().ToList();
        if (failures.Count == 0)
        {
            context.Write($"Health check passed on {string.Join(", ", context.Hosts.Select(h => h.Name))}: {string.Join(", ", context.HealthChecks.Select(t => t.Url))}.");
            return;
        }
        foreach (var failure in failures) context.Write(failure);
        var rolledBack = context.RollbackOnFailure && await RollBackAsync(context, web, cancellationToken).ConfigureAwait(false);
        throw new CloudException(CloudErrorId.DeployFailed,
            string.Join(" ", failures) + (rolledBack ? $" Rolled back: every host serves release {context.PreviousRelease.GetValueOrDefault(context.Primary)} again." : ""),
            context.Environment);
    }

    /// <summary>Null when the answer is healthy, else what went wrong.</summary>
    private static async Task<string?> RequestAsync(DeployHost host, string listen, HealthCheckTarget target, DeployContext context, CancellationToken cancellationToken)
    {
        var path = context.HealthCheck.Path ?? target.Url.PathAndQuery;
        var url = $"http://{listen}{(path.StartsWith('/') ? path : "/" + path)}";
        var seconds = Math.Max(1, (int)Math.Ceiling(context.HealthCheck.Timeout.TotalSeconds));
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
        var failed = curl != 0 || status == 0 || (context.HealthCheck.Status is { } expected ? status != expected : status >= 500);
        if (!failed) return null;
        var what = curl switch
        {
            7 => "connection refused",
            28 => $"no answer within {seconds} s",
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

    private static async Task<bool> RollBackAsync(DeployContext context, WebRuntime web, CancellationToken cancellationToken)
    {
        if (context.Hosts.Any(h => context.PreviousRelease.GetValueOrDefault(h) is null))
        {
            context.Write("Rollback on failure: there is no previous release to go back to (first deploy); the new release stays live.");
            return false;
        }
        await Task.WhenAll(context.Hosts.Select(async host =>
        {
            var previous = context.PreviousRelease[host]!;
            await SwitchCurrentRelease.PointAsync(host, previous, cancellationToken).ConfigureAwait(false);
            await web.StartAsync(host, previous, cancellationToken).ConfigureAwait(false);
        })).ConfigureAwait(false);
        // No longer live: the runner's undo now removes the failed release as after any failure before the switch.
        context.ReleaseLive = false;
        context.Write($"Rollback on failure: current → releases/{context.PreviousRelease[context.Primary]} on {string.Join(", ", context.Hosts.Select(h => h.Name))}; " +
                      $"release {context.ReleaseId} is removed. The database was not rolled back.");
        return true;
    }
}
