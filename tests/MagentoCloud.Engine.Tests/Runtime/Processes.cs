namespace MagentoCloud.Engine.Tests.Runtime;

public static class Processes
{
    /// <summary>Waits up to 10 s for a process to end; an exited daemon may stay a zombie (empty command line) until reaped.</summary>
    public static async Task WaitGoneAsync(int pid)
    {
        for (var i = 0; i < 200 && Runs(pid); i++) await Task.Delay(50);
        Assert.False(Runs(pid), $"process {pid} still runs");
    }

    /// <summary>The process's children, by pid.</summary>
    public static IReadOnlyList<int> Children(int pid) =>
        File.ReadAllText($"/proc/{pid}/task/{pid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).Order().ToList();

    private static bool Runs(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Length > 0;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
