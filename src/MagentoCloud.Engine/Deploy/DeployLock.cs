namespace MagentoCloud.Engine.Deploy;

/// <summary>The content of an environment's <c>deploy.lock</c>: who deploys, from which process and machine, since when.</summary>
public sealed class DeployLock
{
    /// <summary>user@machine of the deploying process.</summary>
    public string Holder { get; set; } = "";

    public int Pid { get; set; }

    /// <summary>The machine the deploying process runs on (where its pid means something).</summary>
    public string Host { get; set; } = "";

    public DateTimeOffset Since { get; set; }

    public string? Activity { get; set; }

    /// <summary>This process, now.</summary>
    public static DeployLock ForThisProcess(string? activity) => new()
    {
        Holder = $"{System.Environment.UserName}@{System.Environment.MachineName}",
        Pid = System.Environment.ProcessId,
        Host = System.Environment.MachineName,
        Since = DateTimeOffset.Now,
        Activity = activity,
    };

    /// <summary>
    /// True when the lock was taken on this machine by a process that no longer runs. A lock from
    /// another machine is never judged stale: its pid cannot be checked from here.
    /// </summary>
    public bool IsStale()
    {
        if (!string.Equals(Host, System.Environment.MachineName, StringComparison.OrdinalIgnoreCase)) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(Pid);
            if (process.HasExited) return true;
            // A reused pid: that process started after the lock was taken, so it is not the holder.
            return process.StartTime > Since.LocalDateTime.AddSeconds(2);
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
