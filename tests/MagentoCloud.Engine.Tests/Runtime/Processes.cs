namespace MagentoCloud.Engine.Tests.Runtime;

public static class Processes
{
    /// <summary>Waits up to 10 s for a process to end; an exited daemon may stay a zombie (empty command line) until reaped.</summary>
    public static async Task WaitGoneAsync(int pid)
    {
        for (var i = 0; i < 200 && Runs(pid); i++) await Task.Delay(50);
        Assert.False(Runs(pid), $"process {pid} still runs");
    }

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
