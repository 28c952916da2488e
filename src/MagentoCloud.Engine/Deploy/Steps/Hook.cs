using System.Diagnostics;
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
        var result = await host.RunAsync(
            // Before the switch the hook reads the new deploy's variables; after it, they are the environment's.
            $"{DeployHost.EnterRelease(directory, context.Switched.ContainsKey(host) ? DeployHost.RuntimeFile : DeployHost.NextRuntimeFile)} && " +
            $"exec sh -e -c {ShellQuote.Quote(script)}",
            null, (line, isError) => context.Write($"  {(isError ? "!" : "|")} {line}"), cancellationToken, userCode: true).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new CloudException(CloudErrorId.DeployFailed,
                $"The {name} hook failed on {host.Name} with exit code {result.ExitCode}{context.Mask.Apply(DeployHost.LastLine(result.Error))}.",
                context.Environment);
        }
        return clock.Elapsed;
    }
}
