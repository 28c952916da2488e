using LibGit2Sharp;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;
using MagentoCloud.Engine.Tests.Project;

namespace MagentoCloud.Engine.Tests.Deploy;

/// <summary>What hooks see of the operator's environment, and what of the secrets they see reaches the shared state.</summary>
public sealed class HookSecretsTests : LocalShopTest
{
    private readonly string _operatorVariable = "MC_TEST_OPERATOR_DB_PASSWORD_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _operatorSecret = "operator-" + Guid.NewGuid().ToString("N");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Environment.SetEnvironmentVariable(_operatorVariable, _operatorSecret);
    }

    [Fact]
    public async Task Hooks_start_clean_and_no_secret_they_echo_reaches_the_state_history()
    {
        var sensitive = "sensitive-" + Guid.NewGuid().ToString("N");
        await Workspace.Variables.SetAsync("env:API_TOKEN", sensitive, "master", settings: new VariableSettings { Sensitive = true });
        var app = File.ReadAllText(Path.Combine(Folder, ".magento.app.yaml"));
        app = app.Replace("""
                    build: |
                        set -e
                """, $$"""
                    build: |
                        set -e
                        echo "operator=${{{_operatorVariable}}:-unset} path=${PATH:+set} home=${HOME:+set}"
                        echo "build-token=$API_TOKEN"
                """).Replace("""
                    deploy: |
                        set -e
                """, $$"""
                    deploy: |
                        set -e
                        echo "operator=${{{_operatorVariable}}:-unset}"
                        echo "deploy-token=$API_TOKEN variables=$MAGENTO_CLOUD_VARIABLES"
                        echo "relationships=$MAGENTO_CLOUD_RELATIONSHIPS"
                        printf '%s' "$MAGENTO_CLOUD_RELATIONSHIPS" | base64 -d; echo
                """);
        CommitAndPush(".magento.app.yaml", app);

        var activity = await Workspace.Deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.True(activity.Result == ActivityResult.Success, activity.Log);
        Assert.Contains("operator=unset path=set home=set", activity.Log);
        Assert.DoesNotContain("operator=operator-", activity.Log);
        Assert.Contains($"build-token={SecretMask.Mask}", activity.Log);
        Assert.Contains($"deploy-token={SecretMask.Mask} variables={SecretMask.Mask}", activity.Log);
        Assert.Contains($"relationships={SecretMask.Mask}", activity.Log);
        Assert.Contains($"\"password\":\"{SecretMask.Mask}\"", activity.Log);
        // The application's account is the environment's own, not the engine's.
        Assert.Contains("\"username\":\"env_master\"", activity.Log);

        // The application's database password, and the engine's own, are nowhere in the shared history.
        await using var database = await Workspace.OpenDatabaseAsync("master", SilentObserver.Instance, CancellationToken.None);
        var history = GitLog(ProjectRemote.ForWorkingCopy(Folder).GitDirectory);
        Assert.Contains("relationships=", history);
        foreach (var secret in new[] { _operatorSecret, sensitive, database.HostEndpoint.Password, database.Endpoint.Password })
            Assert.DoesNotContain(secret, history);

        // What Invoke-CloudCommand returns is masked the same way.
        var results = await Workspace.Deployments.InvokeCommandAsync("master", "echo \"token=$API_TOKEN\"; echo \"operator=${" + _operatorVariable + ":-unset}\"",
            false, SilentObserver.Instance, CancellationToken.None);
        Assert.Equal($"token={SecretMask.Mask}\noperator=unset\n", Assert.Single(results).Output);
        var encoded = await Workspace.Deployments.InvokeCommandAsync("master", "echo \"$MAGENTO_CLOUD_RELATIONSHIPS\"", false, SilentObserver.Instance,
            CancellationToken.None);
        Assert.Equal(SecretMask.Mask + "\n", Assert.Single(encoded).Output);
    }

    /// <summary><c>git log -p</c> of every ref, as anyone who fetches the remote can run it.</summary>
    private static string GitLog(string gitDirectory) => Tests.Git.GitCli.Run(gitDirectory, "log", "-p", "--all");

    public override Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_operatorVariable, null);
        return base.DisposeAsync();
    }
}
