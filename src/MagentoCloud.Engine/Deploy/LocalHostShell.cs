using System.Diagnostics;
using MagentoCloud.Engine.Build;

namespace MagentoCloud.Engine.Deploy;

/// <summary>This machine as a deploy host (the local default).</summary>
public sealed class LocalHostShell : IHostShell
{
    public static readonly LocalHostShell Instance = new();

    public string Name => "local";

    public async Task<CloudCommandResult> RunAsync(string command, Stream? input, Action<string, bool>? onLine, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (exitCode, output, error) = await HookProcess.RunAsync("sh", ["-c", command], "/", null, input, onLine, cancellationToken)
            .ConfigureAwait(false);
        return new CloudCommandResult { Host = Name, ExitCode = exitCode, Output = output, Error = error, Duration = clock.Elapsed };
    }
}
