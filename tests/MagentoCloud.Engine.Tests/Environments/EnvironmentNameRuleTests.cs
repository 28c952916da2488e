using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;

namespace MagentoCloud.Engine.Tests.Environments;

/// <summary>One name rule for environments: for new names, for every lookup, and for names already in the state.</summary>
public sealed class EnvironmentNameRuleTests
{
    public static TheoryData<string> ShellNames => ["k';id;'", "a;b", "a`b", "a|b", "a\"b", "a$b", "a!b", "a#b", "a'b", "a\\b", "_a", ".a"];

    [Theory]
    [MemberData(nameof(ShellNames))]
    public async Task Branch_and_push_refuse_names_outside_the_rule(string name)
    {
        using var p = await TestProject.CreateAsync();
        var branch = await Assert.ThrowsAsync<CloudException>(() => p.Environments.BranchAsync(name));
        Assert.Equal(CloudErrorId.EnvironmentNameInvalid, branch.Id);
        Assert.Contains("lower-case letters, digits, '-', '_' and '.'", branch.Message);
        var push = await Assert.ThrowsAsync<CloudException>(() => p.Environments.PushAsync("master", name));
        Assert.Equal(CloudErrorId.EnvironmentNameInvalid, push.Id);
        Assert.Equal(3, p.Environments.List().Count);
        Assert.Equal(3, p.Remote.GetBranchHeads().Count);
    }

    [Fact]
    public async Task A_lookup_by_a_name_outside_the_rule_says_so()
    {
        using var p = await TestProject.CreateAsync();
        var e = Assert.Throws<CloudException>(() => p.Environments.Get("k';id;'"));
        Assert.Equal(CloudErrorId.EnvironmentNameInvalid, e.Id);
        Assert.Equal("master", p.Environments.Get("MASTER").Name); // lookups still ignore case
    }

    [Fact]
    public async Task A_stored_name_outside_the_rule_runs_nothing_and_says_how_to_rename_or_remove_it()
    {
        using var p = await TestProject.CreateAsync();
        // Where its commands would run: it exists, as if it had been deployed before.
        const string hostile = "k';id>ran;'";
        var root = Directory.CreateDirectory(Path.Combine(p.Root, ".magento", "local", "environments", hostile)).FullName;
        var proof = Path.Combine(root, "ran");
        await StoreAsync(p, hostile, EnvironmentStatus.Active);
        var deployments = new DeploymentService(p.Root, p.Store);

        var command = await Assert.ThrowsAsync<CloudException>(() =>
            deployments.InvokeCommandAsync(hostile, "true", false, SilentObserver.Instance, CancellationToken.None));
        var deploy = await Assert.ThrowsAsync<CloudException>(() =>
            deployments.DeployAsync(hostile, null, SilentObserver.Instance, CancellationToken.None));
        var get = Assert.Throws<CloudException>(() => p.Environments.Get(hostile));

        Assert.All(new[] { command, deploy, get }, e =>
        {
            Assert.Equal(CloudErrorId.EnvironmentNameInvalid, e.Id);
            Assert.Contains("in the project state", e.Message);
            Assert.Contains("Rename-CloudEnvironment", e.Message);
            Assert.Contains("Remove-CloudEnvironment", e.Message);
        });
        Assert.False(File.Exists(proof));
        Assert.Contains(p.Environments.List(), e => e.Name == hostile); // still listed, so it can be found and fixed
    }

    [Fact]
    public async Task A_stored_name_outside_the_rule_is_renamed_once_inactive()
    {
        using var p = await TestProject.CreateAsync();
        const string hostile = "k';id;'";
        await StoreAsync(p, hostile, EnvironmentStatus.Active);
        var head = p.Remote.GetBranchHead(hostile);

        var active = await Assert.ThrowsAsync<CloudException>(() => p.Environments.RenameAsync(hostile, "fixed"));
        Assert.Contains("Disable-CloudEnvironment", active.Message);
        await p.Environments.DeactivateAsync(hostile);
        var bad = await Assert.ThrowsAsync<CloudException>(() => p.Environments.RenameAsync(hostile, "still;bad"));
        Assert.Equal(CloudErrorId.EnvironmentNameInvalid, bad.Id);
        var renamed = await p.Environments.RenameAsync(hostile, "Fixed");

        Assert.Equal("fixed", renamed.Name);
        Assert.Equal(EnvironmentStatus.Inactive, renamed.Status);
        Assert.Equal(head, renamed.HeadCommit);
        Assert.Null(p.Remote.GetBranchHead(hostile));
        Assert.DoesNotContain(p.Environments.List(), e => e.Name == hostile);
        Assert.Single(p.Activities.List(environment: "fixed", type: ActivityType.Update));
    }

    [Fact]
    public async Task A_stored_name_outside_the_rule_can_be_removed_with_its_branch()
    {
        using var p = await TestProject.CreateAsync();
        const string hostile = "a$(id)b";
        await StoreAsync(p, hostile, EnvironmentStatus.Inactive);

        await p.Environments.DeleteAsync(hostile, deleteBranch: true);

        Assert.DoesNotContain(p.Environments.List(), e => e.Name == hostile);
        Assert.Null(p.Remote.GetBranchHead(hostile));
    }

    [Fact]
    public async Task Renaming_moves_the_children_and_refuses_a_taken_name()
    {
        using var p = await TestProject.CreateAsync();
        await p.Environments.BranchAsync("old", inactive: true);
        await p.Environments.BranchAsync("child", parent: "old", inactive: true);

        var taken = await Assert.ThrowsAsync<CloudException>(() => p.Environments.RenameAsync("old", "STAGING"));
        Assert.Equal(CloudErrorId.EnvironmentExists, taken.Id);
        await p.Environments.RenameAsync("old", "new");

        Assert.Equal("new", p.Environments.Get("child").Parent);
    }

    /// <summary>Writes an environment record as an older version (or a hand edit) could have, with its branch.</summary>
    private static async Task StoreAsync(TestProject p, string name, EnvironmentStatus status)
    {
        var head = p.Remote.GetBranchHead("master")!;
        Assert.True(await p.Remote.TryCreateBranchAsync(name, head, CancellationToken.None));
        await p.Store.UpdateAsync("test: an old record", s => s.Environments[name] = new EnvironmentRecord
        {
            Name = name, Title = name, Type = EnvironmentType.Development, Parent = "master", Status = status,
            MachineName = name + "-abcdefg", CreatedAt = DateTimeOffset.Now, UpdatedAt = DateTimeOffset.Now,
        }, CancellationToken.None);
    }
}
