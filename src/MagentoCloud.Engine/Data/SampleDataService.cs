using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Data;

/// <summary>Installs the sample store into an environment's database, as an activity.</summary>
public sealed class SampleDataService(Workspace workspace)
{
    public async Task<CloudSampleData> InstallAsync(string environment, SampleStoreOptions options, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var name = workspace.Environments.Get(environment).Name;
        await using var database = await workspace.OpenDatabaseAsync(name, observer, cancellationToken).ConfigureAwait(false);
        var (result, _) = await workspace.Activities.RunAsync(ActivityType.SampleData, name,
            $"Install sample data into {name} ({options.Customers} customers, {options.Products} products, {options.Orders} orders, seed {options.Seed})",
            [name], async log =>
            {
                var installed = await SampleStore.InstallAsync(name, database.Endpoint, options, observer, cancellationToken).ConfigureAwait(false);
                log.Add($"Wrote {installed.Rows:N0} rows ({installed.Bytes / 1048576.0:N1} MB of SQL) into {database.Endpoint.Database} in {installed.Duration.TotalSeconds:N1} s.");
                return installed;
            }, cancellationToken).ConfigureAwait(false);
        return result;
    }
}
