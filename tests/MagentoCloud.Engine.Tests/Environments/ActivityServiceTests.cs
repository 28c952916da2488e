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
}
