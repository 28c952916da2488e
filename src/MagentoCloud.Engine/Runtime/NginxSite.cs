using System.Text;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Runtime;

/// <summary>
/// The nginx server block of one environment, generated from <c>web.locations</c> with Magento
/// Cloud's semantics. Each location is a regular-expression location (longest path first, so the
/// most specific wins) that captures the path below it in <c>$mc_path</c>; its rules are nested
/// locations in file order; each of those ends in a PHP leaf and a file leaf. The document root is
/// <c>current</c>'s real path, resolved once per request, so one request never mixes two releases.
/// </summary>
public static class NginxSite
{
    /// <summary>Paths below a root that are never served nor run, whatever the locations say.</summary>
    internal const string Forbidden =
        @"(^|/)\.(git|magento|ssh)(/|$)|(^|/)(env\.php|auth\.json|composer\.(json|lock)|\.magento\.(app|env)\.yaml|\.env)$";

    public static string Render(WebSite site, IReadOnlyList<WebLocation> locations)
    {
        var text = new StringBuilder();
        text.Append("# Written by each deploy of ").Append(site.Environment).Append(" from web.locations. Do not edit.\n");
        text.Append("server {\n");
        text.Append("    listen ").Append(site.Listen).Append(";\n");
        text.Append("    server_name ").Append(string.Join(' ', site.ServerNames.Select(NginxText.Literal))).Append(";\n");
        text.Append("    access_log ").Append(NginxText.Literal(site.LogFolder + "/access.log")).Append(" magento_cloud;\n");
        text.Append("    error_log ").Append(NginxText.Literal(site.LogFolder + "/error.log")).Append(" warn;\n");
        text.Append("    client_max_body_size 64m;\n");
        foreach (var location in locations.OrderByDescending(l => l.Path.TrimEnd('/').Length))
            AppendLocation(text, site, location);
        if (!locations.Any(l => l.Path.TrimEnd('/').Length == 0))
            text.Append("    location / {\n        return 404;\n    }\n");
        text.Append("}\n");
        foreach (var redirect in site.Redirects)
        {
            if (redirect.Code is < 300 or > 399)
                throw new CloudException(CloudErrorId.InvalidArgument, $"A redirect's code must be 3xx, not {redirect.Code} (route to {redirect.To}).", redirect.To);
            text.Append("server {\n    listen ").Append(site.Listen).Append(";\n");
            text.Append("    server_name ").Append(NginxText.Literal(redirect.Host)).Append(";\n");
            text.Append("    return ").Append(redirect.Code).Append(' ').Append(NginxText.Quote(NginxText.Literal(redirect.To.TrimEnd('/'))[1..^1] + "$request_uri")).Append(";\n}\n");
        }
        return text.ToString();
    }

    private static void AppendLocation(StringBuilder text, WebSite site, WebLocation location)
    {
        var prefix = location.Path.TrimEnd('/');
        var pattern = $"^{EscapeRegex(prefix)}(?<mc_path>{(prefix.Length == 0 ? "/.*" : "(?:/.*)?")})$";
        var root = Folder(site, location.Root);
        text.Append("    location ~ ").Append(NginxText.Quote(pattern)).Append(" {\n");
        text.Append("        root ").Append(NginxText.Literal(root)).Append(";\n");
        foreach (var rule in location.Rules)
        {
            text.Append("        location ~ ").Append(NginxText.Quote(rule.Pattern)).Append(" {\n");
            AppendLeaves(text, site, prefix, rule.Pattern, Merge(location, rule), "            ");
            text.Append("        }\n");
        }
        AppendLeaves(text, site, prefix, pattern, Effective.Of(location), "        ");
        text.Append("    }\n");
    }

    /// <summary>
    /// A PHP leaf and a file leaf. The file leaf repeats the enclosing pattern so that its captures
    /// (a rule's <c>$1</c>) are the ones passthru sees.
    /// </summary>
    private static void AppendLeaves(StringBuilder text, WebSite site, string prefix, string pattern, Effective settings, string indent)
    {
        var passthru = settings.Passthru is { Length: > 0 } p ? p : null;
        text.Append(indent).Append("location ~ ").Append(NginxText.Quote($"^{EscapeRegex(prefix)}(?<mc_script>/.*?\\.php)(?<mc_info>/.*)?$")).Append(" {\n");
        AppendPassthru(text, passthru, indent);
        text.Append(indent).Append("    if ($mc_script ~* ").Append(NginxText.Quote(Forbidden)).Append(") { return 404; }\n");
        if (!settings.Scripts)
        {
            // Not run and not served: its source could hold secrets.
            text.Append(indent).Append(passthru is null ? "    return 404;\n" : "    rewrite ^ $mc_pass last;\n");
        }
        else
        {
            text.Append(indent).Append("    set $mc_root $realpath_root;\n");
            text.Append(indent).Append("    try_files $mc_script ").Append(passthru is null ? "=404" : "$mc_pass").Append(";\n");
            text.Append(indent).Append("    fastcgi_pass ").Append(NginxText.Literal("unix:" + site.PhpSocket)).Append(";\n");
            text.Append(indent).Append("    include fastcgi.conf;\n");
            text.Append(indent).Append("    fastcgi_param SCRIPT_NAME ").Append(NginxText.Quote(NginxText.Literal(prefix)[1..^1] + "$mc_script")).Append(";\n");
        }
        text.Append(indent).Append("}\n");

        text.Append(indent).Append("location ~ ").Append(NginxText.Quote(pattern)).Append(" {\n");
        AppendPassthru(text, passthru, indent);
        text.Append(indent).Append("    if ($mc_path ~* ").Append(NginxText.Quote(Forbidden)).Append(") { return 404; }\n");
        text.Append(indent).Append("    expires ").Append(Expires(settings.Expires)).Append(";\n");
        foreach (var (name, value) in settings.Headers)
            text.Append(indent).Append("    add_header ").Append(NginxText.Literal(name)).Append(' ').Append(NginxText.Literal(value)).Append(" always;\n");
        if (!settings.Allow)
        {
            text.Append(indent).Append(passthru is null ? "    return 404;\n" : "    rewrite ^ $mc_pass last;\n");
        }
        else
        {
            // A folder's index only where the URL path and the folder path agree (the location '/').
            var folder = settings.Index.Count > 0 && prefix.Length == 0;
            if (folder) text.Append(indent).Append("    index ").Append(string.Join(' ', settings.Index.Select(NginxText.Literal))).Append(";\n");
            text.Append(indent).Append("    try_files $mc_path ").Append(folder ? "$mc_path/ " : "").Append(passthru is null ? "=404" : "$mc_pass").Append(";\n");
        }
        text.Append(indent).Append("}\n");
    }

    /// <summary>The passthru URL, evaluated before anything else can replace the pattern's captures.</summary>
    private static void AppendPassthru(StringBuilder text, string? passthru, string indent)
    {
        if (passthru is not null) text.Append(indent).Append("    set $mc_pass ").Append(NginxText.Quote(passthru)).Append(";\n");
    }

    /// <summary>The platform's expires: a number with a unit (ms s m h d w M y, as nginx's), or -1 for none.</summary>
    internal static string Expires(string? value)
    {
        if (value is null || value.Trim() == "-1") return "off";
        var trimmed = value.Trim();
        if (!System.Text.RegularExpressions.Regex.IsMatch(trimmed, "^[0-9]+(ms|s|m|h|d|w|M|y)?$"))
            throw new CloudException(CloudErrorId.InvalidArgument,
                $"expires '{value}' is not a duration: write a number with a unit (ms, s, m, h, d, w, M, y), e.g. 1y, or -1 for no caching.", value);
        return trimmed;
    }

    /// <summary>The location's folder under <c>current</c>; one that leaves the application is refused.</summary>
    internal static string Folder(WebSite site, string? root)
    {
        var relative = (root ?? "").Trim().Trim('/');
        if (relative.Split('/').Any(part => part == "..") || (root ?? "").StartsWith('/'))
            throw new CloudException(CloudErrorId.InvalidArgument,
                $"web root '{root}' leaves the application: give a folder inside it, e.g. 'pub'.", root);
        var current = site.EnvironmentRoot.TrimEnd('/') + "/current";
        return relative.Length == 0 ? current : current + "/" + relative;
    }

    private static string EscapeRegex(string path) => System.Text.RegularExpressions.Regex.Escape(path);

    private static Effective Merge(WebLocation location, WebRule rule) => new(
        rule.Allow ?? location.Allow,
        rule.Scripts ?? location.Scripts,
        rule.Expires ?? location.Expires,
        rule.Passthru ?? location.Passthru,
        rule.Headers ?? location.Headers,
        location.Index);

    private sealed record Effective(bool Allow, bool Scripts, string? Expires, string? Passthru, IReadOnlyDictionary<string, string> Headers,
        IReadOnlyList<string> Index)
    {
        public static Effective Of(WebLocation l) => new(l.Allow, l.Scripts, l.Expires, l.Passthru, l.Headers, l.Index);
    }
}
