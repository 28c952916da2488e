using System.Text;
using MagentoCloud.Engine.Runtime;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Writes the crons of .magento.app.yaml to <c>crontab</c> in the environment root of one host, the one the
/// topology chose (<c>cron_host</c>; the first by default), failing over to the next host that answers, and
/// installs them as a marked block of that user's crontab (replacing the environment's earlier block, leaving
/// every other line alone). Each job runs in <c>current</c> with the runtime variables; its exit code is kept
/// beside its log, for Get-CloudCron.
/// </summary>
public sealed class InstallCrons : IDeployStep
{
    public string Name => nameof(InstallCrons);

    public Task RunAsync(DeployContext context, CancellationToken cancellationToken) => InstallAsync(context, fromApp: true, cancellationToken);

    /// <summary>
    /// Installs the crons on the chosen host (or the next that answers): the deployed application's, or, with
    /// <paramref name="fromApp"/> false, what the chosen host's crontab file already holds (the crons before this deploy).
    /// </summary>
    internal static async Task InstallAsync(DeployContext context, bool fromApp, CancellationToken cancellationToken)
    {
        var crons = context.App?.Crons ?? [];
        for (var i = 0; i < context.Hosts.Count; i++)
        {
            var host = context.Hosts[(context.CronHost + i) % context.Hosts.Count];
            try
            {
                await InstallOnAsync(context, host, fromApp, crons, cancellationToken).ConfigureAwait(false);
            }
            catch (CloudException e) when (e.Id is CloudErrorId.HostUnreachable or CloudErrorId.TransportFailed && i < context.Hosts.Count - 1)
            {
                var message = $"Crons not installed on {host.Name}, which does not answer ({e.Message}); trying the next host.";
                context.Write("WARNING: " + message);
                context.Observer.Warning(message);
                continue;
            }
            // The other hosts hold no crons of this environment (StopCrons removed their blocks); nor a crontab file that says so.
            await Task.WhenAll(context.Hosts.Where(h => h != host).Select(h => h.RunAsync($"rm -f {CronTab.File}", cancellationToken: cancellationToken)))
                .ConfigureAwait(false);
            return;
        }
    }

    /// <summary>
    /// A cron's command line (what follows its schedule, before <see cref="CronTab.Escape"/>): the job runs in
    /// <c>current</c> with the runtime variables, as <c>sh -c COMMAND</c> (Get-CloudCron counts its processes
    /// by that); its exit code goes to <c>cron-NAME.exit</c> (Get-CloudCron's last result), and its output,
    /// stamped and masked line by line, to the host's cron log (Get-CloudLog -Log cron).
    /// </summary>
    internal static string Line(string root, string name, string command) =>
        $"cd {ShellQuote.Quote(root)} && {DeployHost.EnterRelease(DeployHost.CurrentLink)} && " +
        $"{{ sh -c {ShellQuote.Quote(command)} 2>&1; mc_rc=$?; echo $mc_rc > {ShellQuote.Quote($"{root}/cron-{name}.exit")}; " +
        "[ $mc_rc -eq 0 ] || echo \"failed with exit code $mc_rc\"; } | " +
        $"sh {ShellQuote.Quote($"{root}/{HostLog.AppendScript}")} cron {ShellQuote.Quote(name)}";

    private static async Task InstallOnAsync(DeployContext context, DeployHost host, bool fromApp, IReadOnlyList<(string Name, string Spec, string Command)> crons,
        CancellationToken cancellationToken)
    {
        if (fromApp)
        {
            var block = new StringBuilder();
            foreach (var (name, spec, command) in crons)
                block.Append(spec).Append(' ').Append(CronTab.Escape(Line(host.Root, name, command))).Append('\n');
            // The appender the lines pipe into, and the secrets it blanks, before any line can run.
            await HostLog.WriteAppenderAsync(host, context.Mask, cancellationToken).ConfigureAwait(false);
            using var input = new MemoryStream(Encoding.UTF8.GetBytes(block.ToString()));
            await host.RunCheckedAsync("Writing the crontab file", $"cat > {CronTab.File}", input, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        var count = fromApp ? crons.Count : -1;
        if (!context.InstallCrontab)
        {
            context.Write(count == 0
                ? "No crons."
                : $"Crons written to {host.Root}/{CronTab.File} on {host.Name}; not installed into this machine's crontab (local default).");
            return;
        }
        var has = await host.RunAsync("command -v crontab >/dev/null 2>&1", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (has.ExitCode == DeployHost.NoRoot) return; // never deployed here: nothing to put back
        if (has.ExitCode != 0)
        {
            if (count != 0)
            {
                var message = $"The crons of .magento.app.yaml were not installed: {host.Name} has no crontab command. Install cron there and redeploy.";
                context.Write("WARNING: " + message);
                context.Observer.Warning(message);
            }
            return;
        }
        await host.RunCheckedAsync("Installing the crons", $"[ -f {CronTab.File} ] || : > {CronTab.File}; " + CronTab.InstallScript(host.Root),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        context.Write(count == 0 ? "No crons." : fromApp
            ? $"Installed {crons.Count} cron(s) on {host.Name}: {string.Join(", ", crons.Select(c => c.Name))}."
            : $"The crons from before this deploy are back on {host.Name}.");
    }
}
