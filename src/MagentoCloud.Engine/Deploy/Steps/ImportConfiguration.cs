using MagentoCloud.Engine.Configuration;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// Applies the deployed commit's config.php (scopes and themes) to the environment's database, as
/// app:config:import does during a Magento Cloud deploy. Runs under maintenance, before the deploy hook.
/// </summary>
public sealed class ImportConfiguration : IDeployStep
{
    public string Name => nameof(ImportConfiguration);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (context.ConfigPhp is not { } config)
        {
            context.Write($"No {ConfigurationService.ConfigPhpPath} in the deployed commit: nothing to import.");
            return;
        }
        if (context.OpenDatabase is not { } open)
        {
            context.Write("The application has no database relationship: configuration not imported.");
            return;
        }
        var observer = context.LogObserver;
        await using var database = await open(observer, cancellationToken).ConfigureAwait(false);
        await ConfigurationService.ApplyAsync(database.Endpoint, config, observer, cancellationToken).ConfigureAwait(false);
    }
}
