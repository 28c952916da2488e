namespace MagentoCloud.Engine;

/// <summary>
/// Which process holds something (a deploy lock, a running activity): user, pid, machine, since
/// when; and whether, seen from this machine, that process is gone.
/// </summary>
public class ProcessHolder
{
    /// <summary>user@machine of the holding process.</summary>
    public string Holder { get; set; } = "";

    public int Pid { get; set; }

    /// <summary>The machine the holding process runs on (where its pid means something).</summary>
    public string Host { get; set; } = "";

    /// <summary>
    /// /etc/machine-id of that machine when it has one: host names repeat (containers, clones), so
    /// two machines with one name are told apart by it.
    /// </summary>
    public string? MachineId { get; set; }

    public DateTimeOffset Since { get; set; }

    /// <summary>This process, now.</summary>
    public static ProcessHolder ForThisProcess() => Fill(new ProcessHolder());

    /// <summary>Sets <paramref name="holder"/>'s fields to this process, now.</summary>
    protected static T Fill<T>(T holder) where T : ProcessHolder
    {
        var (host, machineId) = ThisMachine();
        holder.Holder = $"{System.Environment.UserName}@{host}";
        holder.Pid = System.Environment.ProcessId;
        holder.Host = host;
        holder.MachineId = machineId;
        holder.Since = DateTimeOffset.Now;
        return holder;
    }

    private static readonly Lazy<(string Host, string? MachineId)> Machine = new(ReadThisMachine);

    /// <summary>This machine's name and id (null where there is no /etc/machine-id); read once per process.</summary>
    public static (string Host, string? MachineId) ThisMachine() => Machine.Value;

    private static (string Host, string? MachineId) ReadThisMachine()
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

    /// <summary>True when the holding process ran on <paramref name="machine"/>.</summary>
    public bool IsOnMachine((string Host, string? MachineId) machine)
    {
        if (!string.Equals(Host, machine.Host, StringComparison.OrdinalIgnoreCase)) return false;
        return MachineId is null || machine.MachineId is null || string.Equals(MachineId, machine.MachineId, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// True when the holder ran on <paramref name="machine"/> (this one) and no longer runs. A holder
    /// on another machine is never judged gone: its pid cannot be checked from here.
    /// </summary>
    public bool IsStale((string Host, string? MachineId) machine)
    {
        if (!IsOnMachine(machine)) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(Pid);
            if (process.HasExited) return true;
            // A reused pid: that process started after the holder took hold, so it is not the holder.
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
