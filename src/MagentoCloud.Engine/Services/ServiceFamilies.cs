using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Services;

/// <summary>The family, default port and scheme of each service type Magento Cloud offers.</summary>
public static class ServiceFamilies
{
    public static ServiceFamily Of(string type) => type.ToLowerInvariant() switch
    {
        "mysql" or "mariadb" or "oracle-mysql" => ServiceFamily.Database,
        "redis" or "redis-persistent" or "valkey" => ServiceFamily.Redis,
        "opensearch" or "elasticsearch" => ServiceFamily.Search,
        "rabbitmq" => ServiceFamily.Queue,
        _ => ServiceFamily.Other,
    };

    public static ServiceFamily Of(ServiceDefinition service) => Of(service.Type);

    public static int DefaultPort(ServiceFamily family) => family switch
    {
        ServiceFamily.Database => 3306,
        ServiceFamily.Redis => 6379,
        ServiceFamily.Search => 9200,
        ServiceFamily.Queue => 5672,
        _ => 0,
    };

    public static string Scheme(ServiceFamily family, string type) => family switch
    {
        ServiceFamily.Database => "mysql",
        ServiceFamily.Redis => "redis",
        ServiceFamily.Search => "http",
        ServiceFamily.Queue => "amqp",
        _ => type,
    };
}
