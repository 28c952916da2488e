namespace MagentoCloud.Engine.Environments;

/// <summary>The project itself, as the state stores it.</summary>
public sealed class ProjectRecord
{
    /// <summary>A random id, given to hooks as MAGENTO_CLOUD_PROJECT.</summary>
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The id of the key that encrypts the sensitive values (<see cref="ProjectKey"/>); null before the first one.</summary>
    public string? SecretKeyId { get; set; }
}
