using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Deploy;

/// <summary>
/// The <c>workers:</c> of .magento.app.yaml as supervised processes on a host, in an environment's root. Each worker
/// has a supervisor script (<c>workers/NAME.sh</c>, 0700) that runs its start command in <c>current</c> with the
/// runtime variables (read from the 0600 runtime file, never on a command line), and starts it again when it exits:
/// after 1, 2, 4 … 60 seconds, giving up after <see cref="MaxQuickExits"/> exits in a row that came within a minute of
/// their start. The supervisor runs in a session of its own (<c>setsid</c>), so stopping it ends its whole process
/// group, the worker with it; its pid counts only while its command line names its script under this root. Beside
/// it: <c>NAME.pid</c>, <c>NAME.exit</c> (time and exit code of the last exit), <c>NAME.restarts</c> and
/// <c>NAME.log</c> (the worker's output, rotated past 8 MiB at each start).
/// </summary>
public static partial class EnvironmentWorkers
{
    public const string Folder = "workers";

    public const int MaxQuickExits = 10;

    private const long LogLimit = 8L << 20;

    /// <summary>A worker name that can name files (the platform's are identifiers).</summary>
    public static bool IsValidName(string name) => ValidName().IsMatch(name);

    /// <summary>
    /// Writes the workers' supervisor scripts (removing those of workers the application no longer has) and starts
    /// each supervisor that is not running. Prints "started NAME" or "running NAME" per worker.
    /// </summary>
    public static string StartScript(string root, IReadOnlyList<Project.WorkerDefinition> workers)
    {
        var script = new StringBuilder("umask 077\nmkdir -p " + Folder + " || exit 1\n");
        var names = workers.Select(w => w.Name).ToHashSet(StringComparer.Ordinal);
        // Scripts of workers gone from the application: stopped (StopScript ran before) and removed.
        script.Append($"for f in {Folder}/*.sh; do [ -f \"$f\" ] || continue; n=${{f#{Folder}/}}; n=${{n%.sh}}; case \"$n\" in ")
              .Append(names.Count == 0 ? "" : string.Join("|", names.Select(ShellQuote.Quote)) + ") ;; ")
              .Append("*) rm -f \"$f\" ;; esac; done\n");
        foreach (var (name, command) in workers)
        {
            var file = $"{Folder}/{name}.sh";
            script.Append($"cat > {ShellQuote.Quote(file)} <<'MC_WORKER_EOF'\n").Append(Supervisor(root, name, command)).Append("MC_WORKER_EOF\n")
                  .Append($"chmod 700 {ShellQuote.Quote(file)}\n");
        }
        script.Append(StartExisting(root));
        return script.ToString();
    }

    /// <summary>Starts every supervisor script already in the root that is not running (after a failed deploy, a reboot).</summary>
    public static string StartExisting(string root) =>
        Alive(root) +
        $"for f in {Folder}/*.sh; do [ -f \"$f\" ] || continue; n=${{f#{Folder}/}}; n=${{n%.sh}}\n" +
        "  if mc_alive \"$n\"; then echo \"running $n\"; continue; fi\n" +
        $"  setsid sh {ShellQuote.Quote(root)}/\"$f\" < /dev/null > /dev/null 2>&1 &\n" +
        $"  echo $! > {Folder}/\"$n\".pid; echo \"started $n\"\n" +
        "done\nexit 0\n";

    /// <summary>
    /// Ends every running supervisor of this root and its worker (TERM to the process group, KILL after
    /// <paramref name="timeoutSeconds"/>). Prints "stopped NAME" per worker, "killed NAME" for those that had to be killed.
    /// </summary>
    public static string StopScript(string root, int timeoutSeconds) =>
        Alive(root) +
        "groups=''\n" +
        $"for f in {Folder}/*.pid; do [ -f \"$f\" ] || continue; n=${{f#{Folder}/}}; n=${{n%.pid}}\n" +
        "  if mc_alive \"$n\"; then p=$(cat \"$f\"); kill -TERM -\"$p\" 2>/dev/null; groups=\"$groups $n:$p\"; echo \"stopped $n\"; fi\n" +
        "  rm -f \"$f\"\n" +
        "done\n" +
        $"i=0; while [ -n \"$groups\" ] && [ $i -lt {timeoutSeconds * 5} ]; do left=''; for g in $groups; do kill -0 -\"${{g#*:}}\" 2>/dev/null && left=\"$left $g\"; done; " +
        "groups=$left; [ -z \"$groups\" ] && break; sleep 0.2; i=$((i+1)); done\n" +
        "for g in $groups; do kill -KILL -\"${g#*:}\" 2>/dev/null; echo \"killed ${g%%:*}\"; done\n" +
        "exit 0\n";

    /// <summary>Prints "worker NAME RUNNING RESTARTS EXITTIME EXITCODE" per supervisor script in the root ("-" when unknown); part of Get-CloudCron's script.</summary>
    public static string StatusScript(string root) =>
        Alive(root) +
        $"for f in {Folder}/*.sh; do [ -f \"$f\" ] || continue; n=${{f#{Folder}/}}; n=${{n%.sh}}\n" +
        "  r=0; mc_alive \"$n\" && r=1\n" +
        $"  c=$(cat {Folder}/\"$n\".restarts 2>/dev/null || echo 0); e=$(cat {Folder}/\"$n\".exit 2>/dev/null || echo '- -')\n" +
        "  echo \"worker $n $r $c $e\"\n" +
        "done\n";

    /// <summary>Rows of Get-CloudCron for the workers, from <see cref="StatusScript"/>'s output.</summary>
    public static IEnumerable<CloudCronStatus> Read(string environment, string host, string output)
    {
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Split(' ') is not ["worker", var name, var running, var restarts, var at, var code]) continue;
            yield return new CloudCronStatus
            {
                Environment = environment, Host = host, Kind = "Worker", Name = name, Installed = true,
                Running = running == "1" ? 1 : 0,
                Restarts = int.TryParse(restarts, CultureInfo.InvariantCulture, out var r) ? r : 0,
                LastRun = long.TryParse(at, CultureInfo.InvariantCulture, out var t) ? DateTimeOffset.FromUnixTimeSeconds(t) : null,
                LastExitCode = int.TryParse(code, CultureInfo.InvariantCulture, out var c) ? c : null,
            };
        }
    }

    /// <summary>Defines <c>mc_alive NAME</c>: true while the pid file's process is this root's supervisor of NAME.</summary>
    private static string Alive(string root) =>
        "mc_alive() {\n" +
        $"  p=$(cat {Folder}/\"$1\".pid 2>/dev/null) || return 1\n" +
        "  case \"$p\" in ''|*[!0-9]*) return 1 ;; esac\n" +
        $"  tr '\\0' ' ' < /proc/\"$p\"/cmdline 2>/dev/null | grep -qF -- {ShellQuote.Quote(root)}/{Folder}/\"$1\".sh\n" +
        "}\n";

    private static string Supervisor(string root, string name, string command)
    {
        var log = ShellQuote.Quote($"{Folder}/{name}.log");
        return
            $"# The supervisor of worker {name} of {root} (MagentoCloud); the deploy writes it.\n" +
            $"cd {ShellQuote.Quote(root)} || exit 1\n" +
            "n=0\n" +
            "while :; do\n" +
            $"  [ \"$(wc -c < {log} 2>/dev/null || echo 0)\" -gt {LogLimit} ] && mv -f {log} {log}.1\n" +
            "  s=$(date +%s)\n" +
            $"  ( {DeployHost.EnterRelease(DeployHost.CurrentLink)} && exec sh -c {ShellQuote.Quote(command)} ) < /dev/null >> {log} 2>&1\n" +
            "  c=$?\n" +
            $"  echo \"$(date +%s) $c\" > {ShellQuote.Quote($"{Folder}/{name}.exit")}\n" +
            "  [ $(( $(date +%s) - s )) -ge 60 ] && n=0\n" +
            $"  n=$((n+1)); r=$(( $(cat {ShellQuote.Quote($"{Folder}/{name}.restarts")} 2>/dev/null || echo 0) + 1 )); echo $r > {ShellQuote.Quote($"{Folder}/{name}.restarts")}\n" +
            $"  if [ $n -ge {MaxQuickExits} ]; then echo \"$(date -u +%FT%TZ) MagentoCloud: {name} exited $n times within a minute of starting; not started again until the next deploy.\" >> {log}; exit 1; fi\n" +
            "  d=1; i=1; while [ $i -lt $n ] && [ $d -lt 60 ]; do d=$((d*2)); i=$((i+1)); done; [ $d -gt 60 ] && d=60\n" +
            "  sleep $d\n" +
            "done\n";
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex ValidName();
}
