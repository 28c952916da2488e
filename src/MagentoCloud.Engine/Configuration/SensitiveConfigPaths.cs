using System.Text;
using System.Text.RegularExpressions;
using MagentoCloud.Engine.Project;
using YamlDotNet.RepresentationModel;

namespace MagentoCloud.Engine.Configuration;

/// <summary>
/// The settings that go to env.php, never to config.php: secrets (passwords, keys, tokens, payment
/// and carrier credentials) and values that belong to one environment (base URLs, cookie domain,
/// search hosts). Patterns are paths where <c>*</c> matches within one segment. A project adds its
/// own in <c>.magento/config-sensitive.yaml</c>, a list of patterns (top level or under <c>sensitive:</c>).
/// </summary>
public sealed class SensitiveConfigPaths
{
    public const string ProjectFile = ".magento/config-sensitive.yaml";

    /// <summary>The built-in list.</summary>
    public static readonly IReadOnlyList<string> BuiltIn =
    [
        // Any secret, whatever the module.
        "*/*/*password*", "*/*/*passwd*", "*/*/*secret*", "*/*/*token*", "*/*/*api_key*", "*/*/*apikey*",
        "*/*/*private_key*", "*/*/*encryption_key*", "*/*/*access_key*", "*/*/*signature*", "*/*/*license*",
        // Environment-specific: where this copy of the store lives.
        "web/*/base_url", "web/*/base_link_url", "web/*/base_*_url", "web/cookie/cookie_domain",
        "web/cookie/cookie_path", "admin/url/custom", "admin/url/custom_path",
        "catalog/search/*_server_hostname", "catalog/search/*_server_port", "catalog/search/*_username",
        "catalog/search/*_index_prefix", "catalog/search/*_enable_auth",
        "system/smtp/host", "system/smtp/port", "system/smtp/username", "system/full_page_cache/varnish/*",
        "dev/restrict/allow_ips", "trans_email/*/email",
        // Payment credentials.
        "payment/*/merchant_id", "payment/*/merchant_key", "payment/*/merchant_account_id", "payment/*/public_key",
        "payment/*/login", "payment/*/trans_key", "payment/*/client_id", "payment/*/client_secret",
        "payment/*/account", "payment/*/api_username", "payment/*/api_cert", "payment/*/cert",
        "payment/*/kount_id", "payment/*/sandbox_*",
        "paypal/wpp/*", "paypal/fetch_reports/*", "paypal/general/business_account", "paypal/general/merchant_country",
        // Carriers' accounts.
        "carriers/*/account", "carriers/*/key", "carriers/*/meter_number", "carriers/*/username", "carriers/*/userid",
        "carriers/*/access_license_number", "carriers/*/shipper_number", "carriers/*/id", "carriers/*/gateway_url",
        "carriers/*/production_webservices_url", "carriers/*/sandbox_webservices_url",
        // Analytics and other accounts.
        "google/analytics/account", "google/analytics/container_id", "google/gtag/analytics4/*_id",
        "google/adwords/conversion_id", "google/adwords/conversion_label", "google/gtag/adwords/conversion_id",
        "analytics/general/token", "newrelicreporting/general/*", "recaptcha_*/type_*/public_key",
        "currency/fixerio/api_key", "currency/currencyconverterapi/api_key",
    ];

    private readonly Regex _matcher;

    public SensitiveConfigPaths(IEnumerable<string> patterns)
    {
        Patterns = patterns.Select(p => p.Trim().Trim('/')).Where(p => p.Length > 0).Distinct().ToList();
        var alternatives = Patterns.Select(p => Regex.Escape(p).Replace("\\*", "[^/]*"));
        _matcher = new Regex("^(?:" + string.Join("|", alternatives) + ")$", RegexOptions.Compiled | RegexOptions.CultureInvariant);
    }

    public IReadOnlyList<string> Patterns { get; }

    public static SensitiveConfigPaths Default { get; } = new(BuiltIn);

    public bool IsSensitive(string path) => _matcher.IsMatch(path);

    /// <summary>The built-in list plus the project's own file, if it has one.</summary>
    public static SensitiveConfigPaths ForProject(string projectRoot)
    {
        var file = Path.Combine(projectRoot, ProjectFile.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(file)) return Default;
        YamlNode? root;
        try
        {
            root = YamlReader.Read(File.ReadAllText(file, Encoding.UTF8));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new CloudException(CloudErrorId.ConfigInvalid,
                $"{ProjectFile}, line {e.Start.Line}, column {e.Start.Column}: {e.Message} The file lists extra sensitive paths, one a line (- payment/acme/merchant_key).",
                ProjectFile, e);
        }
        if (root is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("sensitive"), out var listed)) root = listed;
        if (root is null) return Default;
        if (root is not YamlSequenceNode sequence)
            throw new CloudException(CloudErrorId.ConfigInvalid,
                $"{ProjectFile} must be a list of paths (- payment/acme/merchant_key), or hold one under 'sensitive:'.", ProjectFile);
        var extra = sequence.Children.Select(n => (n as YamlScalarNode)?.Value ?? throw new CloudException(CloudErrorId.ConfigInvalid,
            $"{ProjectFile}, line {n.Start.Line}: each entry is one path pattern such as payment/acme/merchant_key.", ProjectFile));
        return new SensitiveConfigPaths(BuiltIn.Concat(extra!));
    }
}
