namespace MagentoCloud.Engine.Project;

/// <summary>
/// A route of <c>.magento/routes.yaml</c>: a URL pattern (with <c>{default}</c> or <c>{all}</c>)
/// sent to an application (<c>upstream: "mymagento:http"</c>) or redirected (<c>to:</c>).
/// </summary>
public sealed record Route(string Url, string Type, string? Upstream, string? To, bool CacheEnabled, bool SsiEnabled)
{
    /// <summary>The application an upstream route names (the part before ':').</summary>
    public string? UpstreamApplication => Upstream?.Split(':')[0];

    /// <summary>A redirect's status code (<c>code:</c>); 301 when absent.</summary>
    public int? Code { get; init; }
}
