using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Runtime;

/// <summary>
/// The routes of <c>.magento/routes.yaml</c> resolved for one environment: <c>{default}</c> and
/// <c>{all}</c> become its domain (the topology's URL, or on the local default
/// <c>&lt;environment&gt;.&lt;project&gt;.localhost:&lt;port&gt;</c>, where https routes are served over http).
/// The one place that turns routes into an environment's URLs: the web server, the health check,
/// MAGENTO_CLOUD_ROUTES and the base URLs a database copy writes all read them here.
/// </summary>
public sealed class EnvironmentRoutes
{
    private EnvironmentRoutes(IReadOnlyList<(Route Route, Uri Url)> resolved, bool httpsServedOverHttp)
    {
        Resolved = resolved;
        HttpsServedOverHttp = httpsServedOverHttp;
    }

    /// <summary>Each route with its URL for this environment.</summary>
    public IReadOnlyList<(Route Route, Uri Url)> Resolved { get; }

    /// <summary>True when https routes were turned into http ones (the local default has no certificates).</summary>
    public bool HttpsServedOverHttp { get; }

    /// <summary>Host names whose requests reach the application.</summary>
    public IReadOnlyList<string> HostNames => Resolved.Where(r => r.Route.Type == "upstream").Select(r => r.Url.Host)
        .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// Redirect routes nginx can serve: those on a host no upstream route uses (served over plain
    /// http, "http://x/ → https://x/" would redirect x to itself). The target keeps the request's path.
    /// </summary>
    public IReadOnlyList<WebRedirect> Redirects => Resolved
        .Where(r => r.Route.Type == "redirect" && r.Route.To is not null && !HostNames.Contains(r.Url.Host, StringComparer.OrdinalIgnoreCase))
        .GroupBy(r => r.Url.Host, StringComparer.OrdinalIgnoreCase)
        .Select(g => new WebRedirect(g.Key, Expand(g.First().Route.To!), g.First().Route.Code ?? 301))
        .ToList();

    private string Domain { get; init; } = "";

    private bool Local { get; init; }

    private string Expand(string url)
    {
        var expanded = url.Replace("{default}", Domain, StringComparison.Ordinal).Replace("{all}", Domain, StringComparison.Ordinal);
        return Local && expanded.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "http://" + expanded["https://".Length..] : expanded;
    }

    /// <summary>URLs of the routes that reach the application (what the health check requests).</summary>
    public IReadOnlyList<Uri> UpstreamUrls => Resolved.Where(r => r.Route.Type == "upstream").Select(r => r.Url).Distinct().ToList();

    /// <summary>
    /// Magento's base URLs for the environment: the first upstream route served over https (secure) and over http
    /// (unsecure, the secure one when there is none), each ending in '/'; the domain's root when no route is upstream.
    /// </summary>
    public (Uri Secure, Uri Unsecure) BaseUrls
    {
        get
        {
            var upstream = UpstreamUrls;
            var fallback = new Uri("http://" + Domain + "/");
            var secure = upstream.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttps);
            var plain = upstream.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttp);
            return (Slash(secure ?? plain ?? fallback), Slash(plain ?? secure ?? fallback));
        }
    }

    /// <summary>Every host name the environment answers to or redirects to (lower case, without port): what is its own in its data.</summary>
    public IReadOnlySet<string> AllHostNames
    {
        get
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { new Uri("http://" + Domain + "/").Host.ToLowerInvariant() };
            foreach (var (route, url) in Resolved)
            {
                names.Add(url.Host.ToLowerInvariant());
                if (route.To is { } to && Uri.TryCreate(Expand(to), UriKind.Absolute, out var target)) names.Add(target.Host.ToLowerInvariant());
            }
            return names;
        }
    }

    private static Uri Slash(Uri uri) => uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri, uri.AbsolutePath + "/");

    /// <summary>The local default's domain of an environment: one label per part, lower-case.</summary>
    public static string LocalDomain(string environment, string project, int port) =>
        $"{Label(environment)}.{Label(project)}.localhost:{port}";

    public static EnvironmentRoutes Resolve(IReadOnlyList<Route> routes, string domain, bool local)
    {
        var list = new List<(Route, Uri)>();
        var downgraded = false;
        var source = routes.Count > 0 ? routes : [new Route("http://{default}/", "upstream", null, null, false, false)];
        foreach (var route in source)
        {
            var text = route.Url.Replace("{default}", domain, StringComparison.Ordinal).Replace("{all}", domain, StringComparison.Ordinal);
            if (!text.Contains("://", StringComparison.Ordinal)) text = "http://" + text;
            if (local && text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                text = "http://" + text["https://".Length..];
                downgraded = true;
            }
            if (Uri.TryCreate(text, UriKind.Absolute, out var url)) list.Add((route, url));
        }
        // Served over http, "http://x/ redirects to https://x/" would redirect a URL to itself.
        if (downgraded)
            list.RemoveAll(r => r.Item1.Type == "redirect" && list.Any(u => u.Item1.Type == "upstream" && u.Item2 == r.Item2));
        return new EnvironmentRoutes(list, downgraded) { Domain = domain, Local = local };
    }

    private static string Label(string name)
    {
        var label = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return label.Length == 0 ? "x" : label;
    }
}
