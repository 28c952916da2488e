namespace MagentoCloud.Engine.Project;

/// <summary>
/// An environment's URLs as its routes give them: <c>{default}</c> (and <c>{all}</c>) become the host of the
/// topology's <c>url</c> (or <c>localhost</c>). The one place that turns routes into the environment's own
/// addresses; a runtime that serves the routes may replace it.
/// </summary>
public static class EnvironmentUrls
{
    /// <summary>The host (with its port, if any) that <c>{default}</c> stands for.</summary>
    public static string DefaultHost(EnvironmentTopology topology) => topology.Url?.Authority ?? "localhost";

    /// <summary>A route's URL pattern with the environment's host in it.</summary>
    public static string Expand(string pattern, EnvironmentTopology topology) =>
        pattern.Replace("{default}", DefaultHost(topology), StringComparison.Ordinal)
               .Replace("{all}", DefaultHost(topology), StringComparison.Ordinal);

    /// <summary>
    /// Magento's base URLs for the environment: the first upstream route served over https (secure) and over
    /// http (unsecure, the secure one when there is none), each ending in '/'. With no upstream route, the
    /// topology's URL, else http://localhost/.
    /// </summary>
    public static (Uri Secure, Uri Unsecure) BaseUrls(IReadOnlyList<Route> routes, EnvironmentTopology topology)
    {
        var upstream = routes.Where(r => r.Type == "upstream")
            .Select(r => Uri.TryCreate(Expand(r.Url, topology), UriKind.Absolute, out var u) ? u : null)
            .OfType<Uri>().ToList();
        var fallback = topology.Url ?? new Uri("http://localhost/");
        var secure = upstream.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttps);
        var plain = upstream.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttp);
        return (Slash(secure ?? plain ?? fallback), Slash(plain ?? secure ?? fallback));
    }

    /// <summary>Every host name the environment's routes and topology URL name (lower case, without port).</summary>
    public static IReadOnlySet<string> HostNames(IReadOnlyList<Route> routes, EnvironmentTopology topology)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (topology.Url is { } url) names.Add(url.Host.ToLowerInvariant());
        foreach (var route in routes)
        {
            if (Uri.TryCreate(Expand(route.Url, topology), UriKind.Absolute, out var u)) names.Add(u.Host.ToLowerInvariant());
            if (route.To is { } to && Uri.TryCreate(Expand(to, topology), UriKind.Absolute, out var t)) names.Add(t.Host.ToLowerInvariant());
        }
        if (names.Count == 0) names.Add("localhost");
        return names;
    }

    private static Uri Slash(Uri uri) => uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri, uri.AbsolutePath + "/");
}
