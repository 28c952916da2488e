using MagentoCloud.Engine.Environments;

namespace MagentoCloud.Engine.Tests.Environments;

public sealed class ActivityServiceTests
{
    [Fact]
    public async Task Activities_are_listed_newest_first_with_filters_and_found_by_id()
    {
        using var p = await TestProject.CreateAsync();
        await p.Environments.BranchAsync("a");
        await p.Environments.BranchAsync("b");
        await p.Environments.DeactivateAsync("a");

        var all = p.Activities.List();
        Assert.Equal([ActivityType.Deactivate, ActivityType.Branch, ActivityType.Branch, ActivityType.ProjectCreate], all.Select(a => a.Type));
        Assert.Equal(2, p.Activities.List(environment: "a").Count);
        Assert.Equal(["b", "a"], p.Activities.List(type: ActivityType.Branch).Select(a => a.Environment));
        Assert.Single(p.Activities.List(last: 1));
        Assert.Equal(4, p.Activities.List(state: ActivityState.Complete).Count);
        Assert.Empty(p.Activities.List(state: ActivityState.InProgress));

        var one = p.Activities.Get(all[1].Id);
        Assert.Equal("b", one.Environment);
        Assert.NotNull(one.CompletedAt);
        Assert.Equal(CloudErrorId.ActivityNotFound, Assert.Throws<CloudException>(() => p.Activities.Get("20990101000000000zzzzzz")).Id);
    }

    [Fact]
    public async Task A_running_activity_is_InProgress_until_completed_with_its_steps()
    {
        using var p = await TestProject.CreateAsync();
        var running = await p.Activities.StartAsync(ActivityType.Redeploy, "staging", "Redeploy staging", ["staging"], null, default);
        Assert.Equal(ActivityState.InProgress, p.Activities.Get(running.Id).State);
        Assert.Equal(EnvironmentStatus.Dirty, p.Environments.Get("staging").Status);
        var done = await p.Activities.CompleteAsync(running.Id, ActivityResult.Failure, ["hook failed"],
            [new CloudActivityStep { Name = "Run deploy hook", Duration = TimeSpan.FromSeconds(2), Result = ActivityResult.Failure }], null, default);
        Assert.Equal(ActivityState.Complete, done.State);
        Assert.Equal(ActivityResult.Failure, done.Result);
        Assert.Equal("Run deploy hook", p.Activities.Get(running.Id).Steps.Single().Name);
        Assert.Equal(EnvironmentStatus.Active, p.Environments.Get("staging").Status);
    }

    [Fact]
    public async Task An_activity_whose_process_was_killed_no_longer_holds_its_environment_and_the_next_one_says_so()
    {
        using var p = await TestProject.CreateAsync();
        var abandoned = await p.Activities.StartAsync(ActivityType.Redeploy, "staging", "Redeploy staging", ["staging"], null, default);
        // Its process killed outright: the runner's pid belongs to a process that has ended.
        using var dead = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true"))!;
        await dead.WaitForExitAsync();
        await SetRunnerAsync(p, abandoned.Id, r => r.Pid = dead.Id);

        var next = await p.Activities.StartAsync(ActivityType.Redeploy, "staging", "Redeploy staging again", ["staging"], null, default);

        Assert.Contains($"Freed staging from activity {abandoned.Id}", next.Log);
        Assert.Contains($"process {dead.Id}", next.Log);
        var ended = p.Activities.Get(abandoned.Id);
        Assert.Equal(ActivityState.Cancelled, ended.State);
        Assert.Equal(ActivityResult.Failure, ended.Result);
        Assert.Contains("Abandoned", ended.Log);
        Assert.Equal(EnvironmentStatus.Dirty, p.Environments.Get("staging").Status); // now held by the next one
    }

    [Fact]
    public async Task An_activity_still_running_here_keeps_its_environment_and_cannot_be_stopped()
    {
        using var p = await TestProject.CreateAsync();
        var running = await p.Activities.StartAsync(ActivityType.Redeploy, "staging", "Redeploy staging", ["staging"], null, default);

        var busy = await Assert.ThrowsAsync<CloudException>(() =>
            p.Activities.StartAsync(ActivityType.Redeploy, "staging", "Redeploy staging again", ["staging"], null, default));
        var refused = await Assert.ThrowsAsync<CloudException>(() => p.Activities.StopAsync(running.Id, default));

        Assert.Equal(CloudErrorId.EnvironmentBusy, busy.Id);
        Assert.Contains($"process {Environment.ProcessId}", busy.Message);
        Assert.Contains($"Stop-CloudActivity -Id {running.Id}", busy.Message);
        Assert.Equal(CloudErrorId.ActivityStillRunning, refused.Id);
        Assert.Equal(ActivityState.InProgress, p.Activities.Get(running.Id).State);
    }

    [Fact]
    public async Task An_activity_of_another_machine_is_never_judged_gone_but_Stop_ends_it_and_frees_its_environment()
    {
        using var p = await TestProject.CreateAsync();
        var elsewhere = await p.Activities.StartAsync(ActivityType.Redeploy, "staging", "Redeploy staging", ["staging"], null, default);
        using var dead = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true"))!;
        await dead.WaitForExitAsync();
        await SetRunnerAsync(p, elsewhere.Id, r => { r.Pid = dead.Id; r.Host = "build-7"; r.MachineId = "0123456789abcdef0123456789abcdef"; });

        await Assert.ThrowsAsync<CloudException>(() =>
            p.Activities.StartAsync(ActivityType.Redeploy, "staging", "Redeploy staging again", ["staging"], null, default));
        var stopped = await p.Activities.StopAsync(elsewhere.Id, default);
        var again = await Assert.ThrowsAsync<CloudException>(() => p.Activities.StopAsync(elsewhere.Id, default));

        Assert.Equal(ActivityState.Cancelled, stopped.State);
        Assert.Contains("could not be checked from here", stopped.Log);
        Assert.Equal(EnvironmentStatus.Active, p.Environments.Get("staging").Status);
        Assert.Equal(CloudErrorId.ActivityNotRunning, again.Id);
        await p.Activities.StartAsync(ActivityType.Redeploy, "staging", "Redeploy staging at last", ["staging"], null, default);
    }

    private static Task SetRunnerAsync(TestProject p, string id, Action<ProcessHolder> change) =>
        p.Store.UpdateAsync("test: the runner's process", s =>
        {
            var activity = s.FindActivity(id)!;
            change(activity.Runner!);
            s.SaveActivity(activity);
        }, default);
}
