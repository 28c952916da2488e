using System.Diagnostics;
using MagentoCloud.Engine.Environments;

namespace MagentoCloud.Engine.Tests.Environments;

public sealed class EnvironmentServiceTests
{
    [Fact]
    public async Task New_project_has_master_staging_production_active_with_code_flowing_up()
    {
        using var p = await TestProject.CreateAsync();
        var all = p.Environments.List();
        Assert.Equal(["master", "production", "staging"], all.Select(e => e.Name));
        Assert.All(all, e => Assert.Equal(EnvironmentStatus.Active, e.Status));
        var master = all.Single(e => e.Name == "master");
        Assert.Equal(EnvironmentType.Development, master.Type);
        Assert.Equal("staging", master.Parent);
        Assert.Equal("production", all.Single(e => e.Name == "staging").Parent);
        Assert.Null(all.Single(e => e.Name == "production").Parent);
        Assert.All(all, e => Assert.Equal(master.HeadCommit, e.HeadCommit));
        Assert.Single(p.Activities.List(type: ActivityType.ProjectCreate));
        Assert.Contains("/.magento/local/", File.ReadAllText(Path.Combine(p.Root, ".gitignore")));
    }

    [Fact]
    public async Task Creating_a_project_where_one_already_is_is_refused()
    {
        using var p = await TestProject.CreateAsync();
        var e = await Assert.ThrowsAsync<CloudException>(() => new ProjectCreator().CreateAsync(p.Root));
        Assert.Equal(CloudErrorId.ProjectExists, e.Id);
    }

    [Fact]
    public async Task Branch_creates_an_active_environment_at_the_parent_head()
    {
        using var p = await TestProject.CreateAsync();
        var env = await p.Environments.BranchAsync("Sprint 1", title: "Sprint one");
        Assert.Equal("sprint-1", env.Name);
        Assert.Equal("Sprint one", env.Title);
        Assert.Equal("master", env.Parent);
        Assert.Equal(EnvironmentStatus.Active, env.Status);
        Assert.Equal(p.Environments.Get("master").HeadCommit, env.HeadCommit);
        Assert.StartsWith("sprint-1-", env.MachineName);
        var activity = Assert.Single(p.Activities.List(environment: "sprint-1"));
        Assert.Equal(ActivityType.Branch, activity.Type);
        Assert.Equal(ActivityResult.Success, activity.Result);
    }

    [Theory]
    [InlineData("feature/x")]
    [InlineData("a{b")]
    [InlineData("a}b")]
    [InlineData("a(b")]
    [InlineData("a)b")]
    [InlineData("a*b")]
    [InlineData("a<b")]
    [InlineData("a>b")]
    [InlineData("a&b")]
    [InlineData("a%b")]
    [InlineData("a..b")]
    [InlineData("x.lock")]
    [InlineData("-rf")]
    [InlineData("a\tb")]
    [InlineData("a\nb")]
    [InlineData("")]
    [InlineData("a:b")]
    public async Task Hostile_names_are_refused_and_nothing_is_created(string name)
    {
        using var p = await TestProject.CreateAsync();
        var e = await Assert.ThrowsAsync<CloudException>(() => p.Environments.BranchAsync(name));
        Assert.Equal(CloudErrorId.EnvironmentNameInvalid, e.Id);
        Assert.Equal(3, p.Environments.List().Count);
        Assert.Equal(3, p.Remote.GetBranchHeads().Count);
    }

    [Fact]
    public async Task Duplicate_names_are_refused_regardless_of_case()
    {
        using var p = await TestProject.CreateAsync();
        await p.Environments.BranchAsync("feature");
        var e = await Assert.ThrowsAsync<CloudException>(() => p.Environments.BranchAsync("FEATURE"));
        Assert.Equal(CloudErrorId.EnvironmentExists, e.Id);
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("production")]
    public async Task Branching_from_staging_or_production_is_refused(string parent)
    {
        using var p = await TestProject.CreateAsync();
        var e = await Assert.ThrowsAsync<CloudException>(() => p.Environments.BranchAsync("hotfix", parent));
        Assert.Equal(CloudErrorId.BranchFromProtectedType, e.Id);
        Assert.Null(p.Remote.GetBranchHead("hotfix"));
    }

    [Fact]
    public async Task Integration_limit_counts_master_and_names_the_active_environments()
    {
        using var p = await TestProject.CreateAsync(integrationLimit: 3);
        await p.Environments.BranchAsync("one");
        await p.Environments.BranchAsync("two");
        var e = await Assert.ThrowsAsync<CloudException>(() => p.Environments.BranchAsync("three"));
        Assert.Equal(CloudErrorId.IntegrationLimitReached, e.Id);
        Assert.Contains("master, one, two", e.Message);
        Assert.Contains("Disable-CloudEnvironment", e.Message);
        Assert.Contains("-Inactive", e.Message);
        Assert.Null(p.Remote.GetBranchHead("three"));

        var three = await p.Environments.BranchAsync("three", inactive: true);
        Assert.Equal(EnvironmentStatus.Inactive, three.Status);
        var refused = await Assert.ThrowsAsync<CloudException>(() => p.Environments.ActivateAsync("three"));
        Assert.Equal(CloudErrorId.IntegrationLimitReached, refused.Id);

        await p.Environments.DeactivateAsync("one");
        Assert.Equal(EnvironmentStatus.Active, (await p.Environments.ActivateAsync("three")).Status);
    }

    [Fact]
    public async Task Deleting_an_active_environment_deactivates_it_and_keeps_its_branch()
    {
        using var p = await TestProject.CreateAsync();
        await p.Environments.BranchAsync("feature");
        await p.Environments.DeleteAsync("feature");
        var env = p.Environments.Get("feature");
        Assert.Equal(EnvironmentStatus.Inactive, env.Status);
        Assert.NotNull(env.HeadCommit);

        await p.Environments.DeleteAsync("feature");
        var gone = Assert.Throws<CloudException>(() => p.Environments.Get("feature"));
        Assert.Equal(CloudErrorId.EnvironmentNotFound, gone.Id);
        Assert.Null(p.Remote.GetBranchHead("feature"));
        Assert.Equal(2, p.Activities.List(environment: "feature", type: ActivityType.Delete).Count);
    }

    [Fact]
    public async Task Delete_with_DeleteBranch_removes_an_active_environment_at_once()
    {
        using var p = await TestProject.CreateAsync();
        await p.Environments.BranchAsync("feature");
        await p.Environments.DeleteAsync("feature", deleteBranch: true);
        Assert.Empty(p.Environments.List("feature"));
        Assert.Null(p.Remote.GetBranchHead("feature"));
    }

    [Theory]
    [InlineData("master")]
    [InlineData("staging")]
    [InlineData("production")]
    public async Task Permanent_environments_cannot_be_deleted(string name)
    {
        using var p = await TestProject.CreateAsync();
        var e = await Assert.ThrowsAsync<CloudException>(() => p.Environments.DeleteAsync(name, deleteBranch: true));
        Assert.Equal(CloudErrorId.EnvironmentProtected, e.Id);
        Assert.Equal(EnvironmentStatus.Active, p.Environments.Get(name).Status);
    }

    [Fact]
    public async Task Merge_brings_the_child_code_into_its_parent()
    {
        using var p = await TestProject.CreateAsync();
        p.CommitLocal("feature", "master", ("app/code/feature.txt", "new\n"));
        await p.Environments.PushAsync("feature", activate: true);
        var activity = await p.Environments.MergeAsync("feature");
        Assert.Equal(ActivityResult.Success, activity.Result);
        Assert.Equal("new\n", p.ReadRemoteFile("master", "app/code/feature.txt"));
        Assert.Equal(p.Environments.Get("feature").HeadCommit, p.Environments.Get("master").HeadCommit);
        Assert.Equal(EnvironmentStatus.Active, p.Environments.Get("master").Status);

        // master merges into staging, staging into production.
        await p.Environments.MergeAsync("master");
        await p.Environments.MergeAsync("staging");
        Assert.Equal("new\n", p.ReadRemoteFile("production", "app/code/feature.txt"));
    }

    [Fact]
    public async Task Merge_of_diverged_branches_makes_a_merge_commit()
    {
        using var p = await TestProject.CreateAsync();
        await p.Environments.BranchAsync("feature");
        p.FetchToLocal("feature", "feature");
        p.CommitLocal("feature", "feature", ("a.txt", "a\n"));
        await p.Environments.PushAsync("feature");
        p.CommitLocal("master", "master", ("b.txt", "b\n"));
        await p.Environments.PushAsync("master");
        await p.Environments.MergeAsync("feature");
        Assert.Equal("a\n", p.ReadRemoteFile("master", "a.txt"));
        Assert.Equal("b\n", p.ReadRemoteFile("master", "b.txt"));
    }

    [Fact]
    public async Task Merge_conflict_fails_naming_the_files_and_changes_nothing()
    {
        using var p = await TestProject.CreateAsync();
        await p.Environments.BranchAsync("feature");
        p.FetchToLocal("feature", "feature");
        p.CommitLocal("feature", "feature", ("README.md", "feature's readme\n"));
        await p.Environments.PushAsync("feature");
        p.CommitLocal("master", "master", ("README.md", "master's readme\n"));
        await p.Environments.PushAsync("master");
        var before = p.Remote.GetBranchHeads();

        var e = await Assert.ThrowsAsync<CloudException>(() => p.Environments.MergeAsync("feature"));

        Assert.Equal(CloudErrorId.MergeConflict, e.Id);
        Assert.Contains("README.md", e.Message);
        Assert.Equal(before, p.Remote.GetBranchHeads());
        Assert.Equal(EnvironmentStatus.Active, p.Environments.Get("feature").Status);
        Assert.Equal(EnvironmentStatus.Active, p.Environments.Get("master").Status);
        var failed = p.Activities.List(type: ActivityType.Merge, last: 1).Single();
        Assert.Equal(ActivityResult.Failure, failed.Result);
        Assert.Contains("README.md", failed.Log);
    }

    [Fact]
    public async Task Merge_and_sync_refuse_inactive_sides_and_environments_without_parent()
    {
        using var p = await TestProject.CreateAsync();
        await p.Environments.BranchAsync("feature", inactive: true);
        Assert.Equal(CloudErrorId.EnvironmentInactive,
            (await Assert.ThrowsAsync<CloudException>(() => p.Environments.MergeAsync("feature"))).Id);
        Assert.Equal(CloudErrorId.EnvironmentInactive,
            (await Assert.ThrowsAsync<CloudException>(() => p.Environments.SyncCodeAsync("feature"))).Id);
        Assert.Equal(CloudErrorId.NoParent,
            (await Assert.ThrowsAsync<CloudException>(() => p.Environments.MergeAsync("production"))).Id);
        Assert.Equal(CloudErrorId.NoParent,
            (await Assert.ThrowsAsync<CloudException>(() => p.Environments.SyncCodeAsync("production"))).Id);
    }

    [Fact]
    public async Task Merge_refuses_an_environment_that_is_busy()
    {
        using var p = await TestProject.CreateAsync();
        await p.Environments.BranchAsync("feature");
        var running = await p.Activities.StartAsync(ActivityType.Redeploy, "master", "Redeploy", ["master"], null, default);
        Assert.Equal(EnvironmentStatus.Dirty, p.Environments.Get("master").Status);
        var e = await Assert.ThrowsAsync<CloudException>(() => p.Environments.MergeAsync("feature"));
        Assert.Equal(CloudErrorId.EnvironmentBusy, e.Id);
        Assert.Contains(running.Id, e.Message);
        await p.Activities.CompleteAsync(running.Id, ActivityResult.Success, [], null, null, default);
        Assert.Equal(EnvironmentStatus.Active, p.Environments.Get("master").Status);
    }

    [Fact]
    public async Task Sync_merges_the_parent_code_into_the_child()
    {
        using var p = await TestProject.CreateAsync();
        await p.Environments.BranchAsync("feature");
        p.CommitLocal("master", "master", ("fix.txt", "fix\n"));
        await p.Environments.PushAsync("master");
        await p.Environments.SyncCodeAsync("feature");
        Assert.Equal("fix\n", p.ReadRemoteFile("feature", "fix.txt"));
    }

    [Fact]
    public async Task Sync_with_rebase_replays_the_child_commits_on_the_parent()
    {
        using var p = await TestProject.CreateAsync();
        await p.Environments.BranchAsync("feature");
        p.FetchToLocal("feature", "feature");
        p.CommitLocal("feature", "feature", ("a.txt", "a\n"));
        p.CommitLocal("feature", "feature", ("a2.txt", "a2\n"));
        await p.Environments.PushAsync("feature");
        var masterHead = p.CommitLocal("master", "master", ("b.txt", "b\n"));
        await p.Environments.PushAsync("master");

        var activity = await p.Environments.SyncCodeAsync("feature", rebase: true);

        Assert.Contains("Rebased", activity.Log);
        Assert.Equal("a2\n", p.ReadRemoteFile("feature", "a2.txt"));
        Assert.Equal("b\n", p.ReadRemoteFile("feature", "b.txt"));
        using var repo = new LibGit2Sharp.Repository(p.Remote.GitDirectory);
        var tip = repo.Branches["feature"].Tip;
        Assert.Single(tip.Parents);
        Assert.Equal(masterHead, tip.Parents.Single().Parents.Single().Sha); // two replayed commits on master
    }

    [Fact]
    public async Task Push_of_a_new_branch_creates_an_inactive_environment_unless_activated()
    {
        using var p = await TestProject.CreateAsync();
        p.CommitLocal("quiet", "master", ("q.txt", "q\n"));
        await p.Environments.PushAsync("quiet");
        Assert.Equal(EnvironmentStatus.Inactive, p.Environments.Get("quiet").Status);
        p.CommitLocal("loud", "master", ("l.txt", "l\n"));
        var activity = await p.Environments.PushAsync("loud", activate: true);
        Assert.Equal(ActivityType.Push, activity.Type);
        var loud = p.Environments.Get("loud");
        Assert.Equal(EnvironmentStatus.Active, loud.Status);
        Assert.Equal("master", loud.Parent);
        Assert.Equal("l\n", p.ReadRemoteFile("loud", "l.txt"));
    }

    [Fact]
    public async Task Push_that_would_drop_remote_commits_is_rejected()
    {
        using var p = await TestProject.CreateAsync();
        await p.Environments.BranchAsync("feature");
        p.FetchToLocal("feature", "feature");
        p.CommitLocal("feature", "feature", ("a.txt", "a\n"));
        await p.Environments.PushAsync("feature");
        var pushed = p.Environments.Get("feature").HeadCommit;
        p.CommitLocal("other", "master", ("b.txt", "b\n"));
        var e = await Assert.ThrowsAsync<CloudException>(() => p.Environments.PushAsync("other", "feature"));
        Assert.Equal(CloudErrorId.PushRejected, e.Id);
        Assert.Equal(pushed, p.Environments.Get("feature").HeadCommit);
    }

    [Fact]
    public async Task Update_changes_title_and_parent_and_refuses_cycles()
    {
        using var p = await TestProject.CreateAsync();
        await p.Environments.BranchAsync("a");
        await p.Environments.BranchAsync("b", "a");
        var b = await p.Environments.UpdateAsync("b", title: "Bee", parent: "master");
        Assert.Equal("Bee", b.Title);
        Assert.Equal("master", b.Parent);
        await p.Environments.UpdateAsync("b", parent: "a");
        var e = await Assert.ThrowsAsync<CloudException>(() => p.Environments.UpdateAsync("a", parent: "b"));
        Assert.Equal(CloudErrorId.InvalidArgument, e.Id);
    }

    [Fact]
    public async Task List_filters_by_wildcard_type_and_status()
    {
        using var p = await TestProject.CreateAsync();
        await p.Environments.BranchAsync("feature-a");
        await p.Environments.BranchAsync("feature-b", inactive: true);
        Assert.Equal(["feature-a", "feature-b"], p.Environments.List("FEATURE-*").Select(e => e.Name));
        Assert.Equal(["feature-b"], p.Environments.List(status: EnvironmentStatus.Inactive).Select(e => e.Name));
        Assert.Equal(["production"], p.Environments.List(type: EnvironmentType.Production).Select(e => e.Name));
    }

    [Fact]
    public async Task Listing_two_hundred_environments_is_fast()
    {
        using var p = await TestProject.CreateAsync(integrationLimit: 1000);
        var head = p.Remote.GetBranchHead("master")!;
        for (var i = 0; i < 200; i++) await p.Remote.TryCreateBranchAsync($"env-{i:000}", head, default);
        await p.Store.UpdateAsync("seed", s =>
        {
            for (var i = 0; i < 200; i++)
            {
                var name = $"env-{i:000}";
                s.Environments[name] = new EnvironmentRecord
                {
                    Name = name, Title = name, Type = EnvironmentType.Development, Parent = "master",
                    Status = EnvironmentStatus.Inactive, CreatedAt = DateTimeOffset.Now, UpdatedAt = DateTimeOffset.Now,
                    Variables = [new VariableRecord { Name = "env:X", Value = "1" }],
                };
            }
        }, default);
        p.Environments.List(); // warm
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            var all = p.Environments.List();
            times.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(203, all.Count);
            Assert.All(all, e => Assert.NotNull(e.HeadCommit));
        }
        times.Sort();
        var median = times[2];
        Console.WriteLine($"List of 203 environments: median {median:F1} ms");
        Assert.True(median < 250, $"Listing took {median:F1} ms");
    }
}
