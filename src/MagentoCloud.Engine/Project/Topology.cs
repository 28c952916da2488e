using MagentoCloud.Engine.Transport;
using YamlDotNet.RepresentationModel;

namespace MagentoCloud.Engine.Project;

/// <summary>
/// <c>.magento/topology.yaml</c>, ours: where each environment runs (by environment name, or by
/// type: production, staging, development), how many Integration environments may be active, and
/// the project remote. Absent, everything runs locally under <c>.magento/local/</c>.
/// </summary>
public sealed class Topology
{
    public const string File = ".magento/topology.yaml";

    public const int DefaultIntegrationLimit = 8;

    private readonly YamlMappingNode? _environments;

    private Topology(bool exists, YamlMappingNode? root)
    {
        Exists = exists;
        _environments = root.Child("environments") as YamlMappingNode;
        IntegrationLimit = root.Child("integration").Child("limit").Integer() is > 0 and var limit ? limit : DefaultIntegrationLimit;
        Remote = root.Child("remote").Text();
        var ssh = root.Child("ssh");
        RemoteSsh = new SshSettings(ssh.Child("identity_file").Text(), ssh.Child("known_hosts").Text());
        _build = root.Child("build") as YamlMappingNode;
    }

    private readonly YamlMappingNode? _build;

    /// <summary>
    /// The build host of an environment: <c>build:</c> of its own entry, else of its type's entry, else
    /// the file's top-level <c>build:</c>; null (build on this machine) when none names a host.
    /// <c>ssh</c> of the chosen <c>build:</c> reaches it, else the environment's <c>ssh</c>, else the top-level one.
    /// </summary>
    public BuildHostTopology? BuildHostFor(string environmentName, string environmentType)
    {
        var entry = _environments.Child(environmentName) ?? _environments.Child(environmentType);
        var build = _environments.Child(environmentName).Child("build") as YamlMappingNode
            ?? _environments.Child(environmentType).Child("build") as YamlMappingNode
            ?? _build;
        if (build.Child("host").Text() is not { } spec || !SshHost.TryParse(spec, out var host)) return null;
        var ssh = build.Child("ssh") ?? entry.Child("ssh");
        var settings = ssh is null ? RemoteSsh : new SshSettings(ssh.Child("identity_file").Text(), ssh.Child("known_hosts").Text());
        return new BuildHostTopology(host!, build.Child("root").Text() ?? "magento-build", settings, build.Child("deploy_identity_file").Text());
    }

    /// <summary>False: no topology file, the local default applies to everything.</summary>
    public bool Exists { get; }

    /// <summary>At most this many Integration environments active at once.</summary>
    public int IntegrationLimit { get; }

    /// <summary>The project remote's URL as written; null means the local default remote.</summary>
    public string? Remote { get; }

    /// <summary>The top-level <c>ssh</c> settings: the key and known_hosts that reach an <c>ssh://</c> remote.</summary>
    public SshSettings RemoteSsh { get; }

    /// <summary>The names the file describes (environment names and types), in file order.</summary>
    public IReadOnlyList<string> EnvironmentKeys => _environments.Entries().Select(e => e.Key).ToList();

    /// <summary>
    /// Where an environment runs: its own entry, else its type's entry, else the local default.
    /// <c>{environment}</c> in the root, database name, URL and services' host, username, password file, index prefix and vhost becomes the environment's name.
    /// <c>{host}</c> in the root becomes each host's address (see <see cref="EnvironmentTopology.RootFor"/>):
    /// hosts that share one file system (an NFS home, or test hosts on one machine) each keep their own
    /// releases, e.g. <c>root: /srv/{host}/{environment}</c>.
    /// </summary>
    public EnvironmentTopology TopologyFor(string environmentName, string environmentType)
    {
        var entry = _environments.Child(environmentName) ?? _environments.Child(environmentType);
        if (entry is not YamlMappingNode) return EnvironmentTopology.Local;

        string? Expand(string? s) => s?.Replace("{environment}", environmentName, StringComparison.Ordinal);

        var hosts = new List<SshHost>();
        if (entry.Child("hosts") is YamlSequenceNode list)
            foreach (var h in list.Children)
                if (SshHost.TryParse(h.Text() ?? "", out var address)) hosts.Add(address!);

        DatabaseSettings? database = null;
        if (entry.Child("database") is YamlMappingNode db)
        {
            database = new DatabaseSettings(
                db.Child("host").Text() ?? "127.0.0.1",
                db.Child("port").Integer() ?? 3306,
                Expand(db.Child("name").Text()) ?? "main",
                Expand(db.Child("user").Text()) ?? "main",
                db.Child("password_env").Text(),
                Expand(db.Child("password_file").Text()));
        }

        var cronHost = entry.Child("cron_host").Text();
        var services = new Dictionary<string, ServiceEndpointSettings>(StringComparer.Ordinal);
        if (entry.Child("services") is YamlMappingNode serviceEntries)
            foreach (var (service, _, value) in serviceEntries.Entries())
                if (value is YamlMappingNode s && Expand(s.Child("host").Text()) is { } serviceHost)
                    services[service] = new ServiceEndpointSettings(service, serviceHost, s.Child("port").Integer(), s.Child("scheme").Text(),
                        Expand(s.Child("username").Text()), s.Child("password_env").Text(), Expand(s.Child("password_file").Text()),
                        s.Child("type").Text(), s.Child("version").Text(), Expand(s.Child("index_prefix").Text()), Expand(s.Child("vhost").Text()))
                    {
                        ManagementPort = s.Child("management_port").Integer(), AdminUsername = s.Child("admin_username").Text(),
                        AdminPasswordEnvironmentVariable = s.Child("admin_password_env").Text(), AdminPasswordFile = Expand(s.Child("admin_password_file").Text()),
                    };

        var url = Expand(entry.Child("url").Text());
        var ssh = entry.Child("ssh");
        return new EnvironmentTopology(
            IsLocal: hosts.Count == 0,
            Hosts: hosts,
            Root: Expand(entry.Child("root").Text()),
            Database: database,
            Url: url is not null && Uri.TryCreate(url, UriKind.Absolute, out var u) ? u : null,
            Ssh: new SshSettings(ssh.Child("identity_file").Text(), ssh.Child("known_hosts").Text()))
        {
            Services = services,
            HealthCheck = HealthCheckSettings.From(entry.Child("health_check")),
            RollbackOnFailure = entry.Child("rollback_on_failure").Boolean() ?? false,
            SharedPath = Expand(entry.Child("shared").Child("path").Text()),
            SharedMounts = entry.Child("shared").Child("mounts") is YamlSequenceNode shared
                ? shared.Children.Select(m => m.Text()).OfType<string>().ToList() : null,
            CronHostIndex = Math.Max(0, hosts.FindIndex(h => cronHost is not null && (h.HostName == cronHost || h.ToString() == cronHost))),
        };
    }

    /// <summary>
    /// The topology of <paramref name="source"/>. A file that is there but broken (a syntax error, a
    /// wrong shape, an unknown key) is refused: read leniently it would run everything on the local
    /// default, and a production deploy would report success into <c>.magento/local</c>.
    /// </summary>
    internal static Topology From(YamlSource source)
    {
        if (source.Exists && ProjectValidator.ValidateTopology(source).Where(f => f.Severity == FindingSeverity.Error).ToList() is { Count: > 0 } errors)
        {
            var shown = string.Join(" ", errors.Take(5).Select(f => $"{f.File}:{f.Line}:{f.Column}: {f.Message}"));
            throw new CloudException(CloudErrorId.TopologyInvalid,
                $"{shown}{(errors.Count > 5 ? $" (and {errors.Count - 5} more)" : "")} Nothing was done: with a broken {File} " +
                "this command would fall back to this machine instead of the environments' hosts. Fix the file (Test-CloudProject lists every problem).",
                File);
        }
        return new Topology(source.Exists, source.Mapping);
    }
}
