namespace MagentoCloud.Engine.Transport;

/// <summary>What a command did: exit code, captured text, and how long it took.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws CommandFailed (with the end of stderr) unless the exit code is 0.</summary>
    public CommandResult EnsureSuccess(string what, object? target = null)
    {
        if (Succeeded) return this;
        var detail = Error.Trim();
        if (detail.Length > 2000) detail = "..." + detail[^2000..];
        throw new CloudException(CloudErrorId.CommandFailed,
            $"{what} failed with exit code {ExitCode}." + (detail.Length > 0 ? " " + detail : "") +
            " Fix the cause shown above and run it again.",
            target ?? what);
    }
}
