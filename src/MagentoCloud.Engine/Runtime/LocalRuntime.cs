using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Runtime;

/// <summary>
/// All of the local default's processes of a project at once: its private MariaDB and each active
/// environment's nginx, PHP-FPM and private Redis. Start brings back what a reboot (or Stop) took away; Stop ends
/// them all, leaving data and releases in place.
/// </summary>
public sealed class LocalRuntime(Workspace workspace)
{
    public async Task<IReadOnlyList<CloudLocalService>> StartAsync(IOperationObserver observer, CancellationToken cancellationToken)
    {
        var result = new List<CloudLocalService>();
        var server = new LocalDatabaseServer(workspace.LocalDirectory);
        if (server.HasDatabase("mysql"))
        {
            var endpoint = await server.EnsureRunningAsync("mysql", observer, cancellationToken).ConfigureAwait(false);
            result.Add(new CloudLocalService { Service = "MariaDB", Url = $"{endpoint.Host}:{endpoint.Port}", Running = true });
        }
        var deployments = workspace.Deployments;
        var services = new Services.EnvironmentServices(workspace.Root);
        foreach (var environment in LocalEnvironments().Where(e => e.Status == EnvironmentStatus.Active && e.DeployedCommit is not null))
        {
            // Its private servers first (Redis): the application reaches them from its first request.
            foreach (var endpoint in await services.StartLocalAsync(environment.Name, environment.Type, observer, cancellationToken).ConfigureAwait(false))
                result.Add(new CloudLocalService
                {
                    Service = endpoint.Family == Services.ServiceFamily.Queue ? "RabbitMQ" : "Redis", Environment = environment.Name,
                    Url = $"{endpoint.Host}:{endpoint.Port}", Running = true,
                });
            await deployments.StartWebAsync(environment.Name, observer, cancellationToken).ConfigureAwait(false);
            result.Add(new CloudLocalService
            {
                Service = "Web", Environment = environment.Name, Url = deployments.UrlsOf(environment.Name).FirstOrDefault()?.ToString(), Running = true,
            });
        }
        return result;
    }

    public async Task<IReadOnlyList<CloudLocalService>> StopAsync(IOperationObserver observer, CancellationToken cancellationToken)
    {
        var result = new List<CloudLocalService>();
        var deployments = workspace.Deployments;
        foreach (var environment in LocalEnvironments())
        {
            await deployments.StopWebAsync(environment.Name, observer, cancellationToken).ConfigureAwait(false);
            result.Add(new CloudLocalService { Service = "Web", Environment = environment.Name, Running = false });
            if (await new Services.EnvironmentServices(workspace.Root).StopLocalAsync(environment.Name, cancellationToken).ConfigureAwait(false))
                result.Add(new CloudLocalService { Service = "Redis", Environment = environment.Name, Running = false });
        }
        if (await new Services.EnvironmentServices(workspace.Root).LocalRabbitMq.StopAsync(cancellationToken).ConfigureAwait(false))
            result.Add(new CloudLocalService { Service = "RabbitMQ", Running = false });
        await new LocalDatabaseServer(workspace.LocalDirectory).StopAsync(cancellationToken).ConfigureAwait(false);
        result.Add(new CloudLocalService { Service = "MariaDB", Running = false });
        return result;
    }

    private IEnumerable<CloudEnvironment> LocalEnvironments() =>
        workspace.Environments.List().Where(e => workspace.TopologyFor(e.Name, e.Type).IsLocal);
}
