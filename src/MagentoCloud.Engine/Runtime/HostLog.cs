using System.Globalization;
using System.Text;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Runtime;

/// <summary>
/// An environment's own logs on a host, under <c>logs/</c> in its root (a folder of mode 0700, files of
/// 0600): the hooks' output (<c>deploy</c>) and the crons' (<c>cron</c>), one line per line of output,
/// each stamped with its time (ISO 8601) and where it came from. Every line is masked on its way in:
/// the known secrets of the environment, kept on the host in <see cref="MaskFile"/> (0600, as the
/// runtime variables are), are blanked before a line reaches a file, so a rotated copy never holds one
/// either. Past <see cref="MaxBytes"/> a log becomes <c>.1</c> (the one before goes), as it is written,
/// so a log takes at most twice that.
/// </summary>
public static class HostLog
{
    public const string Folder = "logs";

    public const long MaxBytes = 8 * 1024 * 1024;

    /// <summary>The crons' appender: <c>sh logs/append LOG SOURCE</c> stamps, masks and appends each line of its input to logs/LOG.log.</summary>
    public const string AppendScript = Folder + "/append";

    /// <summary>The secrets to blank, one a line, longest first; beside the logs, never among them.</summary>
    public const string MaskFile = ".log-mask";

    public static string File(DeployHost host, string log) => $"{host.Root}/{Folder}/{log}.log";

    /// <summary>
    /// Reads lines on stdin and appends them to <c>$MC_LOG</c>, each masked (every line of <c>$MC_MASK</c>
    /// replaced, literally, by the mask) and, unless <c>$MC_STAMPED</c>, stamped with the time and
    /// <c>$MC_SOURCE</c>; flushed per line (a follower sees it at once) and rotated past the bound as it goes.
    /// Plain POSIX awk (mawk or gawk), its values from the environment so no byte of them is reinterpreted.
    /// </summary>
    private static readonly string Awk = string.Join('\n',
        "BEGIN { m = ENVIRON[\"MC_MASK\"]; while ((getline x < m) > 0) if (x != \"\") s[++n] = x; close(m)",
        "  f = ENVIRON[\"MC_LOG\"]; size = ENVIRON[\"MC_SIZE\"] + 0; max = " + MaxBytes.ToString(CultureInfo.InvariantCulture),
        "  stamped = ENVIRON[\"MC_STAMPED\"] != \"\"; src = ENVIRON[\"MC_SOURCE\"]; date = \"date +%Y-%m-%dT%H:%M:%S%:z\" }",
        "{ l = $0",
        "  for (i = 1; i <= n; i++) { o = \"\"; while ((p = index(l, s[i])) > 0) { o = o substr(l, 1, p - 1) \"" + SecretMask.Mask + "\"; l = substr(l, p + length(s[i])) } l = o l }",
        "  if (!stamped) { date | getline t; close(date); l = t \" \" src \": \" l }",
        "  if (size > max) { close(f); system(\"mv -f \\\"$MC_LOG\\\" \\\"$MC_LOG.1\\\"\"); size = 0 }",
        "  print l >> f; fflush(f); size += length(l) + 1 }");

    /// <summary>Shell: masks, stamps and appends stdin to the log <c>$1</c> in <c>$dir</c> (the logs folder), source <c>$2</c>.</summary>
    private static string Append(string log, string source, bool stamped) =>
        "umask 077; mkdir -p \"$dir\" && chmod 700 \"$dir\" || exit 1\n" +
        $"MC_LOG=\"$dir/\"{log}.log; export MC_LOG; MC_MASK=\"$dir/../{MaskFile}\" MC_SOURCE={source} MC_STAMPED={(stamped ? "1" : "")}; export MC_MASK MC_SOURCE MC_STAMPED\n" +
        "MC_SIZE=0; [ -f \"$MC_LOG\" ] && { chmod 600 \"$MC_LOG\"; MC_SIZE=$(wc -c < \"$MC_LOG\"); }; export MC_SIZE\n" +
        $"exec awk {ShellQuote.Quote(Awk)}\n";

    /// <summary>The crons' appender (each line stamped with the time the cron wrote it).</summary>
    public static readonly string AppendScriptText =
        "# Written by MagentoCloud: appends its input to logs/$1.log, each line masked and stamped with the time and $2.\n" +
        "dir=\"$(dirname \"$0\")\"\n" + Append("\"$1\"", "\"$2\"", stamped: false);

    /// <summary>One stamped line, as the appender writes it.</summary>
    public static string Line(DateTimeOffset time, string source, string text) =>
        $"{time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)} {source}: {text}";

    /// <summary>Appends lines already stamped (and masked) to a host's log, masked once more there, rotating it as the appender does.</summary>
    public static async Task AppendAsync(DeployHost host, string log, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        if (lines.Count == 0) return;
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
        await host.RunAsync($"dir={Folder}\n" + Append(ShellQuote.Quote(log), "''", stamped: true), input, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the crons' appender and the secrets it blanks (<paramref name="mask"/>: the environment's known
    /// secrets, as they are written and as JSON and base64 carry them) into the host's environment root.
    /// </summary>
    public static async Task WriteAppenderAsync(DeployHost host, SecretMask mask, CancellationToken cancellationToken)
    {
        // A secret of several lines can never be within one line: each of its lines is blanked on its own.
        var secrets = mask.Secrets.SelectMany(s => s.Split('\n')).Select(s => s.TrimEnd('\r')).Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length);
        await host.WritePrivateFileAsync(MaskFile, string.Concat(secrets.Select(s => s + "\n")), cancellationToken).ConfigureAwait(false);
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(AppendScriptText));
        await host.RunCheckedAsync("Writing the crons' log appender",
            $"umask 077; mkdir -p {Folder} && chmod 700 {Folder} && cat > {AppendScript}.tmp && mv -f {AppendScript}.tmp {AppendScript}",
            input, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
