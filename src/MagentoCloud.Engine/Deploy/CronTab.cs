using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy;

/// <summary>
/// An environment's block in its host user's crontab, between marker lines naming the environment root; every
/// other line of the crontab is left alone. The block's lines are the root's <c>crontab</c> file.
/// </summary>
public static class CronTab
{
    public const string File = "crontab";

    public static string Begin(string root) => $"# BEGIN magento-cloud {root}";

    public static string End(string root) => $"# END magento-cloud {root}";

    /// <summary>Prints the crontab without this root's block (nothing when the user has none).</summary>
    private static string Without(string root) =>
        $"crontab -l 2>/dev/null | awk -v b={ShellQuote.Quote(Begin(root))} -v e={ShellQuote.Quote(End(root))} '$0==b{{s=1;next}} $0==e{{s=0;next}} !s'";

    /// <summary>Replaces this root's block with the root's <c>crontab</c> file (removes it when the file is empty or absent).</summary>
    public static string InstallScript(string root) =>
        $"{{ {Without(root)}; if [ -s {File} ]; then echo {ShellQuote.Quote(Begin(root))}; cat {File}; echo {ShellQuote.Quote(End(root))}; fi; }} | crontab -";

    /// <summary>Removes this root's block; does nothing where there is no crontab command or no block.</summary>
    public static string RemoveScript(string root) =>
        $"command -v crontab >/dev/null 2>&1 || exit 0; crontab -l 2>/dev/null | grep -qxF {ShellQuote.Quote(Begin(root))} || exit 0; {Without(root)} | crontab -";

    /// <summary>
    /// Puts this root's block back when the crontab lacks it and the root's <c>crontab</c> file has lines (the cron host's);
    /// prints <c>started</c>, <c>running</c> (the block is there), <c>no-crontab</c>, or nothing (no crons here).
    /// </summary>
    public static string RestoreScript(string root) =>
        $"[ -s {File} ] || exit 0; command -v crontab >/dev/null 2>&1 || {{ echo no-crontab; exit 0; }}; " +
        $"if crontab -l 2>/dev/null | grep -qxF {ShellQuote.Quote(Begin(root))}; then echo running; else {InstallScript(root)} && echo started; fi";

    /// <summary>
    /// A command as a crontab line must hold it: cron turns an unescaped <c>%</c> into a newline (and what
    /// follows into the job's stdin), so each becomes <c>\%</c>, which cron gives the shell as <c>%</c>.
    /// A backslash just before a <c>%</c> can't be written for cron at all (<c>\\%</c> still ends the
    /// command), so the single-quoted text (ShellQuote's, where every such pair of a command line is) is
    /// split there by an empty quote pair: <c>\''%</c> is the same argument to the shell.
    /// </summary>
    public static string Escape(string line) =>
        line.Replace("\\%", "\\''%", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal);
}
