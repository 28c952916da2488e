using MagentoCloud.Engine.Configuration;
using MySqlConnector;

namespace MagentoCloud.Engine.Deploy.Steps;

/// <summary>
/// After the switch: the <c>running</c> rows of <c>cron_schedule</c> belong to jobs StopCrons ended (none of this
/// environment runs now), so they are marked <c>error</c>; left running they would keep their jobs from running again.
/// </summary>
public sealed class MarkInterruptedCrons : IDeployStep
{
    public string Name => nameof(MarkInterruptedCrons);

    public async Task RunAsync(DeployContext context, CancellationToken cancellationToken)
    {
        if (context.OpenDatabase is not { } open)
        {
            context.Write("The application has no database relationship: no cron_schedule to mark.");
            return;
        }
        await using var database = await open(context.LogObserver, cancellationToken).ConfigureAwait(false);
        await using var connection = await StoreDatabase.OpenAsync(database.Endpoint, cancellationToken).ConfigureAwait(false);
        await using (var exists = new MySqlCommand(
                         "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'cron_schedule'", connection))
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)) == 0)
            {
                context.Write("No cron_schedule table: nothing to mark.");
                return;
            }
        await using var update = new MySqlCommand(
            "UPDATE cron_schedule SET status = 'error', finished_at = UTC_TIMESTAMP(), " +
            "messages = CONCAT_WS('\\n', NULLIF(messages, ''), @m) WHERE status = 'running'", connection);
        update.Parameters.AddWithValue("@m", $"Ended by the deploy of release {context.ReleaseId}: crons and consumers are stopped before the deploy hook.");
        var marked = await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        context.Write(marked == 0 ? "No cron_schedule row was left running." : $"{marked} cron_schedule row(s) left running by ended jobs marked as error.");
    }
}
