namespace MagentoCloud.Engine.Project;

/// <summary>
/// Where the topology points one service of <c>.magento/services.yaml</c> for an environment
/// (<c>environments.&lt;name&gt;.services.&lt;service&gt;</c>): its server, the credentials' place, and the
/// environment's isolation on a shared server as ece-tools reads it: an OpenSearch/Elasticsearch
/// index prefix (the endpoint's <c>query.index</c>), a RabbitMQ virtual host (its <c>vhost</c>).
/// Redis has none: ece-tools uses databases 0, 1 and 2 of the server, so each environment needs its own.
/// </summary>
public sealed record ServiceEndpointSettings(
    string Service,
    string Host,
    int? Port,
    string? Scheme,
    string? Username,
    string? PasswordEnvironmentVariable,
    string? PasswordFile,
    string? Type,
    string? Version,
    string? IndexPrefix,
    string? Vhost)
{
    /// <summary>The keys a service entry of the topology may hold.</summary>
    public static readonly string[] Keys =
        ["host", "port", "scheme", "username", "password_env", "password_file", "type", "version", "index_prefix", "vhost"];

    /// <summary>Reads the password from where the topology says it is; null when it names no place.</summary>
    public string? ReadPassword() => PasswordSource.Read(PasswordEnvironmentVariable, PasswordFile, $"{Service} service");
}
