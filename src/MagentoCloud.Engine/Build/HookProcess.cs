using System.Diagnostics;
using System.Text;

namespace MagentoCloud.Engine.Build;

/// <summary>
/// Runs a process on this machine, streaming each line of its output as it comes. It starts from a
/// clean environment (<see cref="Transport.CleanEnvironment"/>) plus <c>environment</c>: variables go in
/// through the process environment, never its command line (they may hold secrets).
/// </summary>
public static class HookProcess
{
    /// <summary>Runs <paramref name="fileName"/>; returns its exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment, Stream? input,
        Action<string, bool>? onLine, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Transport.CleanEnvironment.Apply(start, environment);

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var error = new StringBuilder();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CloudException(CloudErrorId.BuildToolMissing,
                $"Cannot run '{fileName}': {e.Message}. Install it or add it to PATH.", fileName, e);
        }
        var readOut = Pump(process.StandardOutput, output, line => onLine?.Invoke(line, false));
        var readErr = Pump(process.StandardError, error, line => onLine?.Invoke(line, true));
        try
        {
            if (input is not null)
            {
                try { await input.CopyToAsync(process.StandardInput.BaseStream, cancellationToken).ConfigureAwait(false); }
                catch (IOException) { /* the process closed its input early; its exit code tells */ }
            }
            try { process.StandardInput.Close(); } catch (IOException) { }
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        await Task.WhenAll(readOut, readErr).ConfigureAwait(false);
        return (process.ExitCode, output.ToString(), error.ToString());
    }

    private static async Task Pump(StreamReader reader, StringBuilder all, Action<string> onLine)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (all) all.Append(line).Append('\n');
            onLine(line);
        }
    }
}
