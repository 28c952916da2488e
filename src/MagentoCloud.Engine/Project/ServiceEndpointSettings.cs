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
    [
        "host", "port", "scheme", "username", "password_env", "password_file", "type", "version", "index_prefix", "vhost",
        "management_port", "admin_username", "admin_password_env", "admin_password_file",
    ];

    /// <summary>RabbitMQ's HTTP management API, through which an environment's vhost is deleted; 15672 when not given.</summary>
    public int? ManagementPort { get; init; }

    /// <summary>
    /// Who deletes the environment's vhost or indices when it is removed, when that is not the environment's own
    /// user (deleting a vhost needs RabbitMQ's administrator tag, which an environment's user should not have).
    /// </summary>
    public string? AdminUsername { get; init; }

    public string? AdminPasswordEnvironmentVariable { get; init; }

    public string? AdminPasswordFile { get; init; }

    /// <summary>Reads the password from where the topology says it is; null when it names no place.</summary>
    public string? ReadPassword() => PasswordSource.Read(PasswordEnvironmentVariable, PasswordFile, $"{Service} service");

    /// <summary>The administrator's user and password; the service's own when the topology names no administrator.</summary>
    public (string? User, string? Password) ReadAdmin() => AdminUsername is null && AdminPasswordEnvironmentVariable is null && AdminPasswordFile is null
        ? (Username, ReadPassword())
        : (AdminUsername ?? Username, PasswordSource.Read(AdminPasswordEnvironmentVariable, AdminPasswordFile, $"{Service} service's administrator"));
}
