namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// What a deploy whose process died leaves on its hosts, and how the next deploy ends it before it
/// recovers the stale lock: the hook's process group still running (recorded in
/// <see cref="DeployHost.HookFile"/>) and maintenance still on (recorded in <see cref="DeployHost.MaintenanceFile"/>).
/// </summary>
internal static class AbandonedDeploy
{
    /// <summary>
    /// Ends the recorded hook group (TERM, then KILL after 5 s) if its leader is still the process
    /// recorded (same start time: a pid that came round to a stranger is left alone), and turns off
    /// the maintenance that the dead deploy turned on. Prints one line per thing done.
    /// </summary>
    internal const string Script =
        $"h={DeployHost.HookFile}; m={DeployHost.MaintenanceFile}\n" +
        "if [ -f \"$h\" ]; then\n" +
        "  read pid start rest < \"$h\"\n" +
        "  case \"$pid\" in ''|*[!0-9]*) pid= ;; esac\n" +
        "  if [ -n \"$pid\" ] && [ -r /proc/$pid/stat ] && [ -n \"$start\" ] && [ \"$(cut -d' ' -f22 /proc/$pid/stat)\" != \"$start\" ]; then\n" +
        "    echo \"The hook's process $pid has ended (that pid is now another process, left alone).\"; pid=\n" +
        "  fi\n" +
        "  if [ -n \"$pid\" ] && { kill -TERM -\"$pid\" 2>/dev/null || kill -TERM \"$pid\" 2>/dev/null; }; then\n" +
        "    i=0; while [ $i -lt 50 ] && { kill -0 -\"$pid\" 2>/dev/null || kill -0 \"$pid\" 2>/dev/null; }; do sleep 0.1; i=$((i+1)); done\n" +
        "    kill -KILL -\"$pid\" 2>/dev/null; kill -KILL \"$pid\" 2>/dev/null\n" +
        "    echo \"Ended the abandoned hook's process group $pid.\"\n" +
        "  fi\n" +
        "  rm -f \"$h\"\n" +
        "fi\n" +
        "if [ -f \"$m\" ]; then\n" +
        "  read r rest < \"$m\"\n" +
        "  case \"$r\" in ''|*[!A-Za-z0-9._-]*|*..*) r= ;; esac\n" +
        "  for d in ${r:+\"releases/$r\"} current; do rm -f \"$d/" + MaintenanceFlag.Path + "\" || exit 1; done\n" +
        "  rm -f \"$m\"; echo \"Turned off the maintenance that the abandoned deploy${r:+ of release $r} had turned on.\"\n" +
        "fi\n";

    /// <summary>Ends what an abandoned deploy left running on every host; logs what was done.</summary>
    public static async Task EndAsync(DeployContext context, CancellationToken cancellationToken)
    {
        await Task.WhenAll(context.Hosts.Select(async host =>
        {
            var result = await host.RunCheckedAsync("Ending the abandoned deploy's hook", Script, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                context.Write($"{host.Name}: {line}");
        })).ConfigureAwait(false);
    }
}
