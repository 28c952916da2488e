namespace MagentoCloud.Engine.Runtime;

/// <summary>What nginx needs to serve one environment on one host.</summary>
public sealed record WebSite
{
    public required string Environment { get; init; }

    /// <summary>Host names the server block answers to (e.g. <c>master.abc123.localhost</c>).</summary>
    public required IReadOnlyList<string> ServerNames { get; init; }

    /// <summary><c>address:port</c> nginx listens on.</summary>
    public required string Listen { get; init; }

    /// <summary>The environment's folder on the host: it holds <c>current</c>.</summary>
    public required string EnvironmentRoot { get; init; }

    /// <summary>The PHP-FPM pool's socket.</summary>
    public required string PhpSocket { get; init; }

    /// <summary>Redirect routes, each a server block of its own.</summary>
    public IReadOnlyList<WebRedirect> Redirects { get; init; } = [];

    /// <summary>Folder of the environment's web logs.</summary>
    public required string LogFolder { get; init; }
}
