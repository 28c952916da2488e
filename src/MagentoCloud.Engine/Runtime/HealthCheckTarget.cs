namespace MagentoCloud.Engine.Runtime;

/// <summary>One request of a deploy's health check: the route's URL as users know it, sent to a host's own nginx.</summary>
public sealed record HealthCheckTarget(Uri Url)
{
    /// <summary>The Host header: the URL's authority.</summary>
    public string HostHeader => Url.IsDefaultPort ? Url.Host : Url.Authority;
}
