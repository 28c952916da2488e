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
        if (environment is not null)
            foreach (var (name, value) in environment) RequireFits(name, value);
        Transport.CleanEnvironment.Apply(start, environment);

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var error = new StringBuilder();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e) when (e.NativeErrorCode == ArgumentListTooLong)
        {
            throw new CloudException(CloudErrorId.CommandFailed,
                $"Cannot run '{fileName}': its environment and arguments together pass the system's limit ({e.Message}). " +
                "Remove large values from the environment's variables (Get-CloudVariable), or keep them in a file the hooks read.", fileName, e);
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

    /// <summary>E2BIG: the kernel refused the process's arguments and environment as too large.</summary>
    private const int ArgumentListTooLong = 7;

    /// <summary>Linux's limit for one string of a process's environment, NAME=value and its NUL (MAX_ARG_STRLEN).</summary>
    public const int MaxVariableBytes = 128 * 1024;

    /// <summary>Refuses, by name, a variable the kernel would refuse (it would fail as "cannot run", naming no variable).</summary>
    private static void RequireFits(string name, string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(name) + 1 + Encoding.UTF8.GetByteCount(value) + 1;
        if (bytes <= MaxVariableBytes) return;
        throw new CloudException(CloudErrorId.VariableInvalid,
            $"The variable {name} is {bytes / 1024.0:0.#} KiB; a process's environment takes at most {MaxVariableBytes / 1024} KiB per variable, " +
            "so no hook can be started with it. Shorten its value (Set-CloudVariable), keep a large value in a file of the project that the hooks read, " +
            "or make it invisible to this phase.", name);
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
