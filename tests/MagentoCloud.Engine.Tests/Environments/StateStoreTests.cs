using System.Diagnostics;
using LibGit2Sharp;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;

namespace MagentoCloud.Engine.Tests.Environments;

public sealed class StateStoreTests
{
    [Fact]
    public async Task Twenty_processes_updating_the_state_at_once_lose_no_update()
    {
        using var p = await TestProject.CreateAsync();
        const int writers = 20, each = 3;
        var goFile = Path.Combine(p.Root, "go");
        var dll = typeof(TestHostEntry).Assembly.Location;
        var processes = new List<Process>();
        try
        {
            for (var w = 0; w < writers; w++)
            {
                var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var a in new[] { dll, "state-writer", p.Remote.GitDirectory, w.ToString(), each.ToString(), goFile })
                    info.ArgumentList.Add(a);
                processes.Add(Process.Start(info)!);
            }
            foreach (var process in processes)
                Assert.Equal("ready", await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120)));
            File.WriteAllText(goFile, "");
            var retries = 0;
            foreach (var process in processes)
            {
                var output = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(120));
                var error = await process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
                Assert.True(process.ExitCode == 0, $"writer exited {process.ExitCode}: {output} {error}");
                retries += int.Parse(output.Trim().Split(' ')[1]);
            }
            Console.WriteLine($"{writers} processes x {each} updates: {retries} lost races retried");

            var variables = p.Store.Read(s => s.ProjectVariables.ToList());
            Assert.Equal((writers * each).ToString(), variables.Single(v => v.Name == "counter").Value);
            Assert.Equal(writers * each, variables.Count(v => v.Name.StartsWith('w')));
            using var repo = new Repository(p.Remote.GitDirectory);
            var history = repo.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = repo.Refs[ProjectRemote.StateRef] }).Count();
            Assert.Equal(1 + writers * each, history); // project.create + one commit per update, none overwritten
        }
        finally
        {
            foreach (var process in processes)
            {
                if (!process.HasExited) process.Kill();
                process.Dispose();
            }
        }
    }

    [Fact]
    public async Task An_update_that_keeps_losing_the_race_fails_with_StateConflict_and_writes_nothing()
    {
        using var p = await TestProject.CreateAsync();
        var store = new StateStore(p.Remote) { MaxAttempts = 3 };
        var rival = new StateStore(p.Remote);
        var attempts = 0;
        var e = await Assert.ThrowsAsync<CloudException>(() => store.UpdateAsync("loser", s =>
        {
            attempts++;
            // Another writer moves the state between this read and this write, every time.
            rival.UpdateAsync("rival", r => r.ProjectVariables.Add(new VariableRecord { Name = $"rival-{attempts}", Value = "x" }), default)
                .GetAwaiter().GetResult();
            s.ProjectVariables.Add(new VariableRecord { Name = "loser", Value = "x" });
        }, default));
        Assert.Equal(CloudErrorId.StateConflict, e.Id);
        Assert.Equal(3, attempts);
        var names = p.Store.Read(s => s.ProjectVariables.Select(v => v.Name).ToList());
        Assert.Equal(["rival-1", "rival-2", "rival-3"], names);
    }

    [Fact]
    public async Task A_lost_race_is_retried_on_the_new_state()
    {
        using var p = await TestProject.CreateAsync();
        var rival = new StateStore(p.Remote);
        var first = true;
        await p.Store.UpdateAsync("mine", s =>
        {
            if (first)
            {
                first = false;
                rival.UpdateAsync("rival", r => r.ProjectVariables.Add(new VariableRecord { Name = "theirs", Value = "1" }), default)
                    .GetAwaiter().GetResult();
            }
            s.ProjectVariables.Add(new VariableRecord { Name = "mine", Value = "1" });
        }, default);
        Assert.Equal(1, p.Store.LastRetries);
        Assert.Equal(["theirs", "mine"], p.Store.Read(s => s.ProjectVariables.Select(v => v.Name).ToList()));
    }

    [Fact]
    public async Task State_layout_is_one_file_per_environment_and_activities_by_month()
    {
        using var p = await TestProject.CreateAsync();
        await p.Environments.BranchAsync("feature");
        using var repo = new Repository(p.Remote.GitDirectory);
        var tree = ((Commit)repo.Refs[ProjectRemote.StateRef].ResolveToDirectReference().Target).Tree;
        Assert.NotNull(tree["environments/feature.json"]);
        Assert.NotNull(tree["environments/master.json"]);
        Assert.NotNull(tree["project.json"]);
        var month = DateTime.UtcNow.ToString("yyyy-MM");
        Assert.Equal(2, ((Tree)tree[$"activities/{month}"].Target).Count);
    }
}
