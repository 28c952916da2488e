using System.Text;

namespace MagentoCloud.Engine.Transport;

/// <summary>
/// The one line sent to a remote sshd for a command. Everything variable is shell-quoted; the
/// environment comes from a file (never the command line); the command runs in the background
/// of a wrapper whose TERM trap signals the whole process group, so cancelling stops a hook's
/// children too.
/// </summary>
internal static class RemoteCommandLine
{
    public static string Build(CommandRequest request, string? environmentFile, bool hasInput = true)
    {
        var inner = new StringBuilder();
        if (environmentFile is not null)
        {
            var f = ShellQuote.Quote(environmentFile);
            inner.Append($". {f}; mc_rc=$?; rm -f {f}; [ \"$mc_rc\" -eq 0 ] || exit 125\n");
        }
        if (request.WorkingDirectory is { } wd)
            inner.Append($"cd {ShellQuote.Quote(wd)} || exit 126\n");
        var command = request.Script is not null
            ? "sh -c " + ShellQuote.Quote(request.Script)
            : ShellQuote.Join(request.Arguments!);
        // Background jobs get /dev/null as stdin unless redirected: keep the real stdin on fd 3.
        // Without input the command reads /dev/null: an end-of-file sent before sshd started the
        // command can be lost, and a command reading stdin would then wait for ever.
        inner.Append("exec 3<&0\n");
        inner.Append("trap 'trap - TERM INT HUP; kill -TERM -$$ 2>/dev/null || kill -TERM $! 2>/dev/null' TERM INT HUP\n");
        inner.Append(command).Append(hasInput ? " 0<&3 3<&- &\n" : " 0</dev/null 3<&- &\n");
        inner.Append("wait $!\n");
        return "exec sh -c " + ShellQuote.Quote(inner.ToString());
    }

    /// <summary>Lines the command sources: NAME='value' and export NAME.</summary>
    public static string EnvironmentFileContent(IReadOnlyDictionary<string, string> environment)
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in environment)
            sb.Append(name).Append('=').Append(ShellQuote.Quote(value)).Append("\nexport ").Append(name).Append('\n');
        return sb.ToString();
    }
}
