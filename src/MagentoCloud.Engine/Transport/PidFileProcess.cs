using System.Diagnostics;

namespace MagentoCloud.Engine.Transport;

/// <summary>
/// A server of ours on this machine, found by its pid file. A pid file outlives a server killed outright,
/// and pids come round again: only a process whose command line holds <c>argument</c> is ours (never
/// signal a stranger).
/// </summary>
public static class PidFileProcess
{
    /// <summary>The running process the pid file names, when its command line holds <paramref name="argument"/>; else null.</summary>
    public static Process? Find(string pidFile, string argument)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid)) return null;
        try
        {
            var process = Process.GetProcessById(pid);
            if (!process.HasExited && Names(pid, argument)) return process;
            process.Dispose();
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool Names(int pid, string argument)
    {
        var commandLine = $"/proc/{pid}/cmdline";
        if (!File.Exists(commandLine)) return true; // no procfs (macOS): the pid file is all there is
        try
        {
            return File.ReadAllText(commandLine).Split('\0').Contains(argument);
        }
        catch (IOException)
        {
            return false; // exited meanwhile
        }
    }
}
