namespace MagentoCloud.Engine.Transport;

/// <summary>
/// One command to run: either an argument vector (never parsed by a shell on this side; quoted
/// for the remote shell) or a shell script run by <c>sh -c</c> (hooks).
/// </summary>
public sealed class CommandRequest
{
    /// <summary>argv form: the program and its arguments.</summary>
    public IReadOnlyList<string>? Arguments { get; init; }

    /// <summary>Shell form, run by sh -c.</summary>
    public string? Script { get; init; }

    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment variables. Over SSH they never appear on a command line.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Streamed to the command's stdin; the command sees end-of-file after it.</summary>
    public Stream? StandardInput { get; init; }

    /// <summary>Raw stdout bytes go here (a dump stream); Output and OnOutputLine then stay empty.</summary>
    public Stream? StandardOutput { get; init; }

    public Action<string>? OnOutputLine { get; init; }

    public Action<string>? OnErrorLine { get; init; }

    /// <summary>
    /// A user's code (a hook, Invoke-CloudCommand): it may leave a background process that keeps
    /// writing to its output, so over SSH it gets a channel of its own, never a shared long-lived shell
    /// where that output would run into the next command's.
    /// </summary>
    public bool RunsUserCode { get; init; }

    /// <summary>Keep stdout and stderr text in the result.</summary>
    public bool CaptureOutput { get; init; } = true;

    public static CommandRequest Command(params string[] arguments) => new() { Arguments = arguments };

    public static CommandRequest Shell(string script) => new() { Script = script };

    /// <summary>A short text for logs and errors; never holds environment values.</summary>
    public string Describe() => Script is not null
        ? "sh -c " + ShellQuote.Quote(Script.Length > 200 ? Script[..200] + "..." : Script)
        : ShellQuote.Join(Arguments ?? []);

    internal void Validate()
    {
        if ((Arguments is null) == (Script is null))
            throw new ArgumentException("A command needs either Arguments or Script, not both.");
        if (Arguments is { Count: 0 })
            throw new ArgumentException("A command needs at least the program name in Arguments.");
        foreach (var name in Environment?.Keys ?? [])
        {
            if (!IsVariableName(name))
                throw new CloudException(CloudErrorId.InvalidArgument,
                    $"'{name}' is not a valid environment variable name. Use letters, digits and underscores, not starting with a digit.",
                    name);
        }
    }

    internal static bool IsVariableName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
