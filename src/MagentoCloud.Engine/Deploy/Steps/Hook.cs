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
            $"cd {ShellQuote.Quote(directory)} && . ./{DeployHost.RuntimeFile} && exec sh -e -c {ShellQuote.Quote(script)}",
            null, (line, isError) => context.Write($"  {(isError ? "!" : "|")} {line}"), cancellationToken, userCode: true).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new CloudException(CloudErrorId.DeployFailed,
                $"The {name} hook failed on {host.Name} with exit code {result.ExitCode}{DeployHost.LastLine(result.Error)}.",
                context.Environment);
        }
        return clock.Elapsed;
    }
}
