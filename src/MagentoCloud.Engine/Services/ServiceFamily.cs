namespace MagentoCloud.Engine.Services;

/// <summary>What a service of <c>.magento/services.yaml</c> is to ece-tools, by its type.</summary>
public enum ServiceFamily
{
    Other,
    Database,
    Redis,
    Search,
    Queue,
}
