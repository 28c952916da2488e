using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;

namespace MagentoCloud.Engine.Tests;

/// <summary>
/// The entry point when tests start this assembly as a separate process (<c>dotnet MagentoCloud.Engine.Tests.dll verb ...</c>),
/// so concurrency is tested across real processes, not threads.
/// </summary>
public static class TestHostEntry
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 5 && args[0] == "state-writer")
            return await StateWriter(args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), args[4]);
        await Console.Error.WriteLineAsync("usage: state-writer <remote> <writer-id> <count> <go-file>");
        return 2;
    }

    /// <summary>Waits for the go file, then makes <paramref name="count"/> read-modify-write updates of the shared state.</summary>
    private static async Task<int> StateWriter(string remotePath, string writer, int count, string goFile)
    {
        var store = new StateStore(ProjectRemote.Open(remotePath));
        Console.WriteLine("ready");
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!File.Exists(goFile))
        {
            if (DateTime.UtcNow > deadline) return 3;
            await Task.Delay(2);
        }
        var retries = 0;
        for (var i = 0; i < count; i++)
        {
            await store.UpdateAsync($"writer {writer} update {i}", s =>
            {
                var counter = s.ProjectVariables.FirstOrDefault(v => v.Name == "counter");
                if (counter is null) s.ProjectVariables.Add(counter = new VariableRecord { Name = "counter", Value = "0" });
                counter.Value = (int.Parse(counter.Value, System.Globalization.CultureInfo.InvariantCulture) + 1)
                    .ToString(System.Globalization.CultureInfo.InvariantCulture);
                s.ProjectVariables.Add(new VariableRecord { Name = $"w{writer}-{i}", Value = writer });
            }, CancellationToken.None);
            retries += store.LastRetries;
        }
        Console.WriteLine($"retries {retries}");
        return 0;
    }
}
