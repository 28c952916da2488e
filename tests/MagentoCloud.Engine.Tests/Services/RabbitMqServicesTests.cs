using System.Text.Json;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Services;
using MagentoCloud.Engine.Tests.Project;

namespace MagentoCloud.Engine.Tests.Services;

/// <summary>
/// A project whose application has a RabbitMQ relationship, on the local default: the project's private
/// RabbitMQ node gives each active environment a vhost and a user of its own; the deploy hook decodes
/// MAGENTO_CLOUD_RELATIONSHIPS and prints what it was given.
/// </summary>
public sealed class RabbitMqServicesTests : LocalShopTest
{
    private const string DeployHook = """
            deploy: |
                set -e
                json=$(printf '%s' "$MAGENTO_CLOUD_RELATIONSHIPS" | base64 -d)
                rabbit=$(printf '%s' "$json" | sed -e 's/.*"rabbitmq":\[{//' -e 's/}\].*//')
                echo "amqp=$(printf '%s' "$rabbit" | sed -e 's/.*"scheme":"\([^"]*\)".*/\1/')://$(printf '%s' "$rabbit" | sed -e 's/.*"host":"\([^"]*\)".*/\1/')"
                echo "amqp-vhost=$(printf '%s' "$rabbit" | sed -e 's/.*"vhost":"\([^"]*\)".*/\1/')"
                echo "amqp-user=$(printf '%s' "$rabbit" | sed -e 's/.*"username":"\([^"]*\)".*/\1/')"
        """;

    private LocalRabbitMqServer Node => new EnvironmentServices(Folder).LocalRabbitMq;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Assert.True(LocalRabbitMqServer.IsInstalled, "rabbitmq-server is not installed (tests/infra/start.sh installs it)");
        var app = AddService("rabbitmq:\n    type: rabbitmq:3.10\n", "rabbitmq: \"rabbitmq:rabbitmq\"", DeployHook);
        Assert.Contains("amqp-vhost", app);
    }

    public override async Task DisposeAsync()
    {
        try { await Node.StopAsync(CancellationToken.None); } catch (CloudException) { }
        await base.DisposeAsync();
    }

    private async Task DeployAsync(string environment, string expectLog)
    {
        var activity = await Workspace.Deployments.DeployAsync(environment, null, SilentObserver.Instance, CancellationToken.None);
        Assert.True(activity.Result == ActivityResult.Success, activity.Log);
        Assert.True(activity.Log.Contains(expectLog, StringComparison.Ordinal), activity.Log);
    }

    private async Task<string> ControlAsync(params string[] arguments)
    {
        var result = await Node.ControlAsync([.. arguments, "--no-table-headers"], null, CancellationToken.None);
        Assert.True(result.ExitCode == 0, result.Error + result.Output);
        return result.Output;
    }

    private async Task<bool> AuthenticatesAsync(string user, string password) =>
        (await Node.ControlAsync(["authenticate_user", user], password, CancellationToken.None)).ExitCode == 0;

    [Fact]
    public async Task Each_environment_gets_a_vhost_of_its_own_on_the_projects_node_and_loses_it_when_freed()
    {
        await DeployAsync("master", "amqp-vhost=master");
        await Workspace.Environments.BranchAsync("feature");
        await DeployAsync("feature", "amqp-vhost=feature");

        var master = Node.Known("master")!.Value;
        var feature = Node.Known("feature")!.Value;
        Assert.NotEqual(master.Password, feature.Password);
        Assert.True(await AuthenticatesAsync(master.User, master.Password));
        Assert.False(await AuthenticatesAsync(master.User, feature.Password));
        // Each user may use its own vhost only; the default guest account is gone.
        Assert.Equal([master.User], (await ControlAsync("list_permissions", "-p", "master")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[0]));
        Assert.Equal([feature.User], (await ControlAsync("list_permissions", "-p", "feature")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[0]));
        Assert.DoesNotContain("guest", await ControlAsync("list_users"));

        // Every listener on loopback, and no password on any command line while the node runs.
        var commandLines = Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Select(d => { try { return File.ReadAllText(Path.Combine(d, "cmdline")); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; } });
        Assert.DoesNotContain(commandLines, c => c.Contains(master.Password, StringComparison.Ordinal) || c.Contains(feature.Password, StringComparison.Ordinal));

        // What Get-CloudService shows.
        var services = new EnvironmentServices(Folder).List(Workspace.Environments.Get("feature"));
        var row = Assert.Single(services, s => s.Name == "rabbitmq");
        Assert.Equal(ServiceState.Running, row.State);
        Assert.Equal($"amqp://127.0.0.1:{Node.Port} vhost feature", row.Endpoint);

        // Freed as the environment goes inactive: its vhost and user are deleted; the other's stay.
        await new EnvironmentServices(Folder).FreeAsync("feature", EnvironmentType.Development, [], SilentObserver.Instance, CancellationToken.None);
        var vhosts = await ControlAsync("list_vhosts");
        Assert.DoesNotContain("feature", vhosts.Split('\n', StringSplitOptions.TrimEntries));
        Assert.Contains("master", vhosts.Split('\n', StringSplitOptions.TrimEntries));
        Assert.False(await AuthenticatesAsync(feature.User, feature.Password));
        Assert.Null(Node.Known("feature"));

        // Stopped with the local runtime, started again (Start-CloudEnvironmentRuntime) with the same vhost and password.
        Assert.True(await Node.StopAsync(CancellationToken.None));
        Assert.False(Node.IsRunning);
        var started = Assert.Single(await Workspace.Deployments.StartRuntimeAsync("master", SilentObserver.Instance, CancellationToken.None));
        Assert.Contains("RabbitMQ", started.Started);
        Assert.True(Node.IsRunning);
        Assert.True(await AuthenticatesAsync(master.User, master.Password));
    }
}
