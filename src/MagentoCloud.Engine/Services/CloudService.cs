namespace MagentoCloud.Engine.Services;

/// <summary>A relationship of an environment and the server behind it (Get-CloudService). Never carries a password.</summary>
public sealed class CloudService
{
    public string Environment { get; init; } = "";

    /// <summary>The relationship's name in .magento.app.yaml.</summary>
    public string Relationship { get; init; } = "";

    /// <summary>The service's name in .magento/services.yaml.</summary>
    public string Name { get; init; } = "";

    public string Type { get; init; } = "";

    public string? Version { get; init; }

    /// <summary>scheme://host:port (and database, vhost, index prefix), without credentials; null without a server.</summary>
    public string? Endpoint { get; init; }

    public ServiceState State { get; init; }

    /// <summary>Where it runs: <c>local</c> for the local default's private servers, else the server's host.</summary>
    public string? Host { get; init; }

    /// <summary>What to do when there is no server.</summary>
    public string? Note { get; init; }
}
