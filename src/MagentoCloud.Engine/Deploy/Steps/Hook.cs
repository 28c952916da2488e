using System.Diagnostics;
using MagentoCloud.Engine.Runtime;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>Runs a hook of .magento.app.yaml on one host, in a release, with its runtime variables, streaming its output into the log.</summary>
internal static class Hook
{
    public static async Task<TimeSpan> RunAsync(DeployContext context, string name, string script, string directory, CancellationToken cancellationToken)
    {
        var host = context.Primary;
        context.Write($"Running the {name} hook on {host.Name} in {directory}.");
        var clock = Stopwatch.StartNew();
        // The hook's output is also kept on the host, in its deploy log (Get-CloudLog -Log deploy).
        // Every line masked before it leaves this process (the host's appender masks once more).
        var kept = new List<string> { HostLog.Line(DateTimeOffset.Now, name, context.Mask.Apply($"hook started in {directory} (release {context.ReleaseId})")) };
        var result = await host.RunAsync(
            // Before the switch the hook reads the new deploy's variables; after it, they are the environment's.
            Script(script, directory, context.Switched.ContainsKey(host) ? DeployHost.RuntimeFile : DeployHost.NextRuntimeFile),
            null, (line, isError) =>
            {
                context.Write($"  {(isError ? "!" : "|")} {line}");
                lock (kept) kept.Add(HostLog.Line(DateTimeOffset.Now, name, context.Mask.Apply(line)));
            }, cancellationToken, userCode: true).ConfigureAwait(false);
        kept.Add(HostLog.Line(DateTimeOffset.Now, name, $"hook ended with exit code {result.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s"));
        await HostLog.AppendAsync(host, "deploy", kept, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new CloudException(CloudErrorId.DeployFailed,
                $"The {name} hook failed on {host.Name} with exit code {result.ExitCode}{context.Mask.Apply(DeployHost.LastLine(result.Error))}.",
                context.Environment);
        }
        return clock.Elapsed;
    }

    /// <summary>
    /// The hook in a process group of its own (setsid), whose leader's pid and start time are recorded
    /// in <see cref="DeployHost.HookFile"/> for as long as it runs: if the deploying process dies, the
    /// hook and its children outlive it, and the next deploy ends that group by this record
    /// (<see cref="AbandonedDeploy"/>) before it runs its own. A cancel (TERM) reaches the group too.
    /// </summary>
    internal static string Script(string script, string directory, string runtimeFile = DeployHost.RuntimeFile)
    {
        var leader = "echo \"$$ $(cut -d' ' -f22 /proc/$$/stat 2>/dev/null)\" > \"$0.tmp\" && mv -f \"$0.tmp\" \"$0\" || exit 125; exec sh -e -c \"$1\"";
        return
            $"mc_hook_file=\"$(pwd)/{DeployHost.HookFile}\"\n" +
            $"{DeployHost.EnterRelease(directory, runtimeFile)} || exit 1\n" +
            "mc_setsid=; command -v setsid >/dev/null 2>&1 && mc_setsid=setsid\n" +
            $"$mc_setsid sh -c {ShellQuote.Quote(leader)} \"$mc_hook_file\" {ShellQuote.Quote(script)} &\n" +
            "mc_hook=$!\n" +
            "trap 'kill -TERM -$mc_hook 2>/dev/null || kill -TERM $mc_hook 2>/dev/null; exit 143' TERM INT HUP\n" +
            "wait $mc_hook; mc_rc=$?\n" +
            // Only our own record: a later deploy's hook may have written its own meanwhile.
            "read mc_pid mc_rest < \"$mc_hook_file\" 2>/dev/null; [ \"$mc_pid\" = \"$mc_hook\" ] && rm -f \"$mc_hook_file\"\n" +
            "exit $mc_rc\n";
    }
}
