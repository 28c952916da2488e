namespace MagentoCloud.Engine.Runtime;

/// <summary>One of the local default's processes for a project: its MariaDB, or an environment's web runtime (nginx and PHP-FPM).</summary>
public sealed class CloudLocalService
{
    /// <summary>MariaDB, Web (nginx and the environment's PHP-FPM pool) or Redis (the environment's private server).</summary>
    public string Service { get; init; } = "";

    /// <summary>The environment a web runtime or Redis server serves; null for the project's MariaDB.</summary>
    public string? Environment { get; init; }

    /// <summary>Where to open it: the environment's URL, or MariaDB's address.</summary>
    public string? Url { get; init; }

    public bool Running { get; init; }
}
