using System.Net;

namespace MagentoCloud.Engine.Services;

/// <summary>An environment's vhost on a topology's RabbitMQ server, deleted through the server's HTTP management API.</summary>
public static class RabbitMqVhosts
{
    public const int DefaultManagementPort = 15672;

    /// <summary>Deletes the vhost with its queues and messages; false when the server had no such vhost.</summary>
    public static async Task<bool> DeleteAsync(ServiceAdminClient client, string vhost, CancellationToken cancellationToken)
    {
        var (status, body) = await client.SendAsync(HttpMethod.Delete, "/api/vhosts/" + Uri.EscapeDataString(vhost), cancellationToken).ConfigureAwait(false);
        return status switch
        {
            HttpStatusCode.NoContent or HttpStatusCode.OK => true,
            HttpStatusCode.NotFound => false,
            _ => throw client.Refused($"delete vhost '{vhost}'", status, body),
        };
    }
}
