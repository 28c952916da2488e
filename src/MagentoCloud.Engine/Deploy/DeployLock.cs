namespace MagentoCloud.Engine.Deploy;

/// <summary>
/// The content of an environment's <c>deploy.lock</c> (on the environment's first host): who
/// deploys, from which process on which machine, since when.
/// </summary>
public sealed class DeployLock
{
    /// <summary>user@machine of the deploying process.</summary>
    public string Holder { get; set; } = "";

    public int Pid { get; set; }

    /// <summary>The machine the deploying process runs on (where its pid means something).</summary>
    public string Host { get; set; } = "";

    /// <summary>
    /// /etc/machine-id of that machine when it has one: host names repeat (containers, clones), so
    /// two machines with one name are told apart by it.
    /// </summary>
    public string? MachineId { get; set; }

    public DateTimeOffset Since { get; set; }

    public string? Activity { get; set; }

    /// <summary>This process, now.</summary>
    public static DeployLock ForThisProcess(string? activity)
    {
        var (host, machineId) = ThisMachine();
        return new()
        {
            Holder = $"{System.Environment.UserName}@{host}",
            Pid = System.Environment.ProcessId,
            Host = host,
            MachineId = machineId,
            Since = DateTimeOffset.Now,
            Activity = activity,
        };
    }

    /// <summary>This machine's name and id (null where there is no /etc/machine-id).</summary>
    public static (string Host, string? MachineId) ThisMachine()
    {
        string? id = null;
        try
        {
            if (File.Exists("/etc/machine-id")) id = File.ReadAllText("/etc/machine-id").Trim() is { Length: > 0 } text ? text : null;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return (System.Environment.MachineName, id);
    }

    /// <summary>True when the deploying process ran on <paramref name="machine"/>.</summary>
    public bool IsOnMachine((string Host, string? MachineId) machine)
    {
        if (!string.Equals(Host, machine.Host, StringComparison.OrdinalIgnoreCase)) return false;
        return MachineId is null || machine.MachineId is null || string.Equals(MachineId, machine.MachineId, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// True when the lock was taken on <paramref name="machine"/> (this one) by a process that no
    /// longer runs. A lock from another machine is never judged stale: its pid cannot be checked from here.
    /// </summary>
    public bool IsStale((string Host, string? MachineId) machine)
    {
        if (!IsOnMachine(machine)) return false;
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
