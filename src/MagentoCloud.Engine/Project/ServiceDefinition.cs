namespace MagentoCloud.Engine.Project;

/// <summary>A service of <c>.magento/services.yaml</c>: <c>mysql: {type: "mysql:10.6", disk: 2048}</c>.</summary>
public sealed record ServiceDefinition(string Name, string Type, string? Version, int? Disk, IReadOnlyDictionary<string, object?> Configuration)
{
    /// <summary>The endpoints a relationship may name: the type's own ones plus any configured.</summary>
    public IReadOnlyCollection<string> Endpoints
    {
        get
        {
            var endpoints = new HashSet<string>(StringComparer.Ordinal) { Type };
            switch (Type)
            {
                case "mysql" or "mariadb" or "oracle-mysql":
                    endpoints.Add("mysql");
                    break;
                case "redis-persistent":
                    endpoints.Add("redis");
                    break;
                case "valkey":
                    endpoints.Add("redis");
                    break;
                case "varnish":
                    endpoints.Add("http");
                    break;
            }
            if (Configuration.TryGetValue("endpoints", out var configured) && configured is IDictionary<string, object?> named)
                endpoints.UnionWith(named.Keys);
            return endpoints;
        }
    }
}
