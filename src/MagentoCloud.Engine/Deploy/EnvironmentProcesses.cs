namespace MagentoCloud.Engine.Deploy;

/// <summary>
/// Shell fragments, run in an environment's root on a host, that find and end its Magento cron and consumer
/// processes (<c>bin/magento cron:run</c>, <c>bin/magento queue:consumers:start</c>): only those whose working
/// directory is under this root, never another environment's that runs as the same user.
/// </summary>
public static class EnvironmentProcesses
{
    /// <summary>What a cron or consumer process's command line holds (an ERE; its own text does not match it).</summary>
    public const string Pattern = "bin/magento[[:space:]]+(cron:run|queue:consumers:start)";

    /// <summary>
    /// Defines <c>mc_all</c>: prints "pid TAB command line" of every process under the root (the current directory), and
    /// <c>mc_list</c>: those of crons and consumers.
    /// </summary>
    public const string ListFunction =
        "mc_root=$(pwd -P)\n" +
        // find reads every process's working directory in one process (a readlink per process took
        // most of a deploy's time on a busy host); the root is escaped for its glob.
        "mc_glob=$(printf '%s' \"$mc_root\" | sed 's/[][*?\\\\]/\\\\&/g')\n" +
        "mc_all() {\n" +
        "  find /proc/[0-9]*/cwd -maxdepth 0 \\( -lname \"$mc_glob\" -o -lname \"$mc_glob/*\" \\) 2>/dev/null | while IFS= read -r d; do\n" +
        "    d=${d%/cwd}; p=${d#/proc/}; [ \"$p\" = \"$$\" ] && continue\n" +
        "    a=$(tr '\\0' ' ' 2>/dev/null < \"$d/cmdline\") || continue\n" +
        "    printf '%s\\t%s\\n' \"$p\" \"$a\"\n" +
        "  done\n" +
        "}\n" +
        "mc_list() { mc_all | grep -E '^[0-9]+\t.*" + Pattern + "'; return 0; }\n";

    /// <summary>Prints the processes, one a line.</summary>
    public const string ListScript = ListFunction + "mc_list";

    /// <summary>
    /// Ends them: TERM, up to <paramref name="timeoutSeconds"/> for them to go, then KILL. Prints "ended PID COMMAND"
    /// for each, and "killed PIDS" for those that had to be killed.
    /// </summary>
    public static string EndScript(int timeoutSeconds) => ListFunction +
        "found=$(mc_list); [ -n \"$found\" ] || exit 0\n" +
        "printf '%s\\n' \"$found\" | sed 's/^/ended /'\n" +
        "pids=$(printf '%s\\n' \"$found\" | cut -f1)\n" +
        "kill -TERM $pids 2>/dev/null\n" +
        $"i=0; while [ $i -lt {timeoutSeconds * 5} ]; do left=''; for p in $pids; do kill -0 $p 2>/dev/null && left=\"$left $p\"; done; " +
        "[ -z \"$left\" ] && break; sleep 0.2; i=$((i+1)); done\n" +
        "if [ -n \"$left\" ]; then kill -KILL $left 2>/dev/null; echo \"killed$left\"; fi\n" +
        "exit 0";
}
