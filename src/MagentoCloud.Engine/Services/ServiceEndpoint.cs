using System.Text.Json.Nodes;

namespace MagentoCloud.Engine.Services;

/// <summary>
/// One relationship's endpoint as the application gets it in <c>MAGENTO_CLOUD_RELATIONSHIPS</c>, in the
/// platform's shape: host, hostname, ip, port, scheme, username, password, path, query, rel, service,
/// type (<c>redis:7.2</c>), cluster, public, fragment; and for RabbitMQ the <c>vhost</c>, for
/// OpenSearch/Elasticsearch the index prefix as <c>query.index</c> (what ece-tools reads).
/// </summary>
public sealed record ServiceEndpoint
{
    public required string Relationship { get; init; }
    public required string Service { get; init; }
    public required ServiceFamily Family { get; init; }

    /// <summary>type:version, as services.yaml (or the topology) gives it.</summary>
    public required string Type { get; init; }

    public required string Host { get; init; }
    public required int Port { get; init; }
    public required string Scheme { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }

    /// <summary>The database's name for MySQL; null otherwise.</summary>
    public string? Path { get; init; }

    public string? IndexPrefix { get; init; }
    public string? Vhost { get; init; }

    /// <summary>The endpoint's name within its service (<c>mysql</c>, <c>redis</c>, …).</summary>
    public required string Rel { get; init; }

    /// <summary>The environment, for <c>cluster</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>Where it is, without credentials: scheme://host:port/path.</summary>
    public string Address => $"{Scheme}://{Host}:{Port}" + (Path is null ? "" : "/" + Path) + (Vhost is null ? "" : $" vhost {Vhost}")
        + (IndexPrefix is null ? "" : $" index prefix {IndexPrefix}");

    public JsonObject ToJson()
    {
        var query = new JsonObject();
        if (Family == ServiceFamily.Database) query["is_master"] = true;
        if (IndexPrefix is not null) query["index"] = IndexPrefix;
        var json = new JsonObject
        {
            ["host"] = Host,
            ["hostname"] = Host,
            ["ip"] = Host,
            ["port"] = Port,
            ["scheme"] = Scheme,
            ["username"] = Username,
            ["password"] = Password,
            ["path"] = Path,
            ["query"] = query,
            ["rel"] = Rel,
            ["service"] = Service,
            ["type"] = Type,
            ["cluster"] = Environment,
            ["public"] = false,
            ["fragment"] = null,
            ["host_mapped"] = false,
        };
        if (Family == ServiceFamily.Queue) json["vhost"] = Vhost ?? "/";
        return json;
    }
}
