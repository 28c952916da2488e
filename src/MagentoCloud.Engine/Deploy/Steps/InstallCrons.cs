using System.Text;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Writes the crons of .magento.app.yaml to <c>crontab</c> in the environment root of the first host
/// and installs them as a marked block of that user's crontab (replacing the environment's earlier
/// block, leaving every other line alone). Each job runs in <c>current</c> with the runtime variables.
/// </summary>
public sealed class InstallCrons : IDeployStep
{
    public string Name => nameof(InstallCrons);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        var host = context.Primary;
        var crons = context.App?.Crons ?? [];
        var begin = $"# BEGIN magento-cloud {host.Root}";
        var end = $"# END magento-cloud {host.Root}";
        var block = new StringBuilder();
        foreach (var (name, spec, command) in crons)
        {
            block.Append($"{spec} cd {ShellQuote.Quote(host.Root)} && {DeployHost.EnterRelease(DeployHost.CurrentLink)} && ")
                 .Append($"sh -c {ShellQuote.Quote(command)} >> {ShellQuote.Quote($"{host.Root}/cron-{name}.log")} 2>&1\n");
        }
        using (var input = new MemoryStream(Encoding.UTF8.GetBytes(block.ToString())))
            await host.RunCheckedAsync("Writing the crontab file", "cat > crontab", input, cancellationToken: cancellationToken).ConfigureAwait(false);

        if (!context.InstallCrontab)
        {
            context.Write(crons.Count == 0
                ? "No crons."
                : $"{crons.Count} cron(s) written to {host.Root}/crontab; not installed into this machine's crontab (local default).");
            return;
        }
        var has = await host.RunAsync("command -v crontab >/dev/null 2>&1", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (has.ExitCode != 0)
        {
            if (crons.Count > 0)
            {
                var message = $"{crons.Count} cron(s) of .magento.app.yaml were not installed: {host.Name} has no crontab command. Install cron there and redeploy.";
                context.Write("WARNING: " + message);
                context.Observer.Warning(message);
            }
            return;
        }
        // Keep every line outside our block; then append the new block (none when there are no crons).
        var script =
            $"{{ crontab -l 2>/dev/null | awk -v b={ShellQuote.Quote(begin)} -v e={ShellQuote.Quote(end)} '$0==b{{s=1;next}} $0==e{{s=0;next}} !s'; " +
            $"if [ -s crontab ]; then echo {ShellQuote.Quote(begin)}; cat crontab; echo {ShellQuote.Quote(end)}; fi; }} | crontab -";
        await host.RunCheckedAsync("Installing the crons", script, cancellationToken: cancellationToken).ConfigureAwait(false);
        context.Write(crons.Count == 0 ? "No crons." : $"Installed {crons.Count} cron(s) on {host.Name}: {string.Join(", ", crons.Select(c => c.Name))}.");
    }
}
