using System.Text;

namespace MagentoCloud.Engine.Transport;

/// <summary>
/// The one line sent to a remote sshd for a command. Everything variable is shell-quoted; the
/// environment comes as the first line of the command's stdin (never on a command line, never in a
/// file). sshd starts each command as the leader of a new process group; the wrapper records its
/// pid so a cancel can signal that whole group (a hook and all its children), which SSH's own
/// signal request cannot.
/// </summary>
internal static class RemoteCommandLine
{
    /// <param name="withEnvironment">The wrapper first reads <see cref="EnvironmentLine"/> from stdin.</param>
    /// <param name="hasInput">The command reads the rest of stdin; otherwise /dev/null.</param>
    public static string Build(CommandRequest request, bool withEnvironment, string pidFile, bool hasInput)
    {
        var inner = new StringBuilder();
        var p = ShellQuote.Quote(pidFile);
        inner.Append($"echo $$ > {p}\n");
        // read takes one line and no more from a pipe, so the command gets the rest of stdin untouched.
        if (withEnvironment)
            inner.Append("IFS= read -r mc_env && eval \"$(printf '%s' \"$mc_env\" | base64 -d)\" || exit 125; unset mc_env\n");
        if (request.WorkingDirectory is { } wd)
            inner.Append($"cd {ShellQuote.Quote(wd)} || exit 126\n");
        inner.Append(request.Script is not null
            ? "sh -c " + ShellQuote.Quote(request.Script)
            : ShellQuote.Join(request.Arguments!));
        // SSH sends end-of-file only after some input; with none, the command reads /dev/null.
        if (!hasInput) inner.Append(" </dev/null");
        inner.Append($"\nmc_rc=$?; rm -f {p}; exit $mc_rc\n");
        return "exec sh -c " + ShellQuote.Quote(inner.ToString());
    }

    /// <summary>The environment as one base64 line, for <see cref="Build"/>'s wrapper to read and evaluate.</summary>
    public static byte[] EnvironmentLine(IReadOnlyDictionary<string, string> environment) =>
        Encoding.ASCII.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(EnvironmentText(environment))) + "\n");

    /// <summary>
    /// What a long-lived shell (<see cref="SshShell"/>) runs for one command: a subshell with the
    /// environment (sent as shell text, so never on a command line nor in a file) and the working
    /// directory, the command in a session of its own (setsid) that records its pid, so a cancel can
    /// signal its whole process group as with an exec channel. Its stdin is <paramref name="input"/>
    /// (sent base64 in a here-document, decoded on the host), or /dev/null.
    /// </summary>
    public static string ShellBody(CommandRequest request, string pidFile, byte[]? input)
    {
        var body = new StringBuilder();
        if (input is { Length: > 0 })
        {
            var end = "__mc_input_" + Guid.NewGuid().ToString("N");
            body.Append($"base64 -d <<'{end}' | (\n");
            var encoded = Convert.ToBase64String(input);
            for (var at = 0; at < encoded.Length; at += 76) body.Append(encoded, at, Math.Min(76, encoded.Length - at)).Append('\n');
            body.Append(end).Append('\n');
        }
        else
        {
            body.Append("(\n");
        }
        if (request.WorkingDirectory is { } wd)
            body.Append($"cd {ShellQuote.Quote(wd)} || exit 126\n");
        if (request.Environment is { Count: > 0 } environment)
            body.Append(EnvironmentText(environment));
        var run = request.Script is not null ? "exec sh -c \"$1\"" : "exec \"$@\"";
        var arguments = request.Script is not null ? ShellQuote.Quote(request.Script) : ShellQuote.Join(request.Arguments!);
        body.Append("mc_setsid=; command -v setsid >/dev/null 2>&1 && mc_setsid=setsid\n");
        body.Append($"exec $mc_setsid sh -c {ShellQuote.Quote("echo $$ > \"$0\" || exit 125; " + run)} {ShellQuote.Quote(pidFile)} {arguments}\n");
        return body.Append(input is { Length: > 0 } ? ")" : ") </dev/null").ToString();
    }

    /// <summary>Signals the process group recorded in the pid file (waiting briefly for it to appear).</summary>
    public static string Kill(string pidFile)
    {
        var p = ShellQuote.Quote(pidFile);
        return "exec sh -c " + ShellQuote.Quote(
            $"for i in 1 2 3 4 5 6 7 8 9 10; do [ -s {p} ] && break; sleep 0.2; done\n" +
            $"pid=$(cat {p} 2>/dev/null); rm -f {p}; [ -n \"$pid\" ] || exit 0\n" +
            "kill -TERM -\"$pid\" 2>/dev/null || exit 0\n" +
            // KILL only a group still there: once it is gone, its id may come round to a stranger.
            "for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 -\"$pid\" 2>/dev/null || exit 0; sleep 0.1; done\n" +
            "kill -KILL -\"$pid\" 2>/dev/null; exit 0\n");
    }

    /// <summary>Shell lines that set the environment: NAME='value' and export NAME.</summary>
    public static string EnvironmentText(IReadOnlyDictionary<string, string> environment)
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in environment)
            sb.Append(name).Append('=').Append(ShellQuote.Quote(value)).Append("\nexport ").Append(name).Append('\n');
        return sb.ToString();
    }
}
