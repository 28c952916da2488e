using LibGit2Sharp;
using YamlDotNet.RepresentationModel;

namespace MagentoCloud.Engine.Project;

/// <summary>
/// The project's configuration files, read once from a working copy: the application, services,
/// routes, ece-tools' stage settings and our topology. Reading never fails on content; a broken
/// file reads as empty and <see cref="ProjectValidator"/> says what is wrong and where.
/// </summary>
public sealed class ProjectFiles
{
    public const string ServicesFile = ".magento/services.yaml";
    public const string RoutesFile = ".magento/routes.yaml";
    public const string ConfigPhpFile = "app/etc/config.php";

    private ProjectFiles(string root) : this(root, path => YamlSource.Load(root, path))
    {
    }

    private ProjectFiles(string root, Func<string, YamlSource> load)
    {
        Root = root;
        AppSource = load(AppConfig.File);
        ServicesSource = load(ServicesFile);
        RoutesSource = load(RoutesFile);
        EnvSource = load(EnvConfig.File);
        TopologySource = YamlSource.Load(root, Topology.File);

        App = AppConfig.From(AppSource);
        Services = (ServicesSource.Mapping).Entries()
            .Where(e => e.Value.Child("type").Text() is not null)
            .Select(e => ParseService(e.Key, e.Value)).ToList();
        Routes = (RoutesSource.Mapping).Entries()
            .Select(e => ParseRoute(e.Key, e.Value)).ToList();
        Env = EnvConfig.From(EnvSource);
    }

    /// <summary>The project root these files were read from.</summary>
    public string Root { get; }

    public AppConfig App { get; }

    public IReadOnlyList<ServiceDefinition> Services { get; }

    public IReadOnlyList<Route> Routes { get; }

    public EnvConfig Env { get; }

    private Topology? _topology;

    /// <summary>Where environments run; read on first use, and refused (TopologyInvalid) when the file is broken.</summary>
    public Topology Topology => _topology ??= Topology.From(TopologySource);

    /// <summary>The project remote: topology's <c>remote</c>, or the local default bare repository.</summary>
    public string RemoteUrl => Topology.Remote ?? Path.Combine(Root, ".magento", "local", "remote.git");

    public ServiceDefinition? Service(string name) => Services.FirstOrDefault(s => s.Name == name);

    /// <summary>Where an environment runs; see <see cref="Topology.TopologyFor"/>.</summary>
    public EnvironmentTopology TopologyFor(string environmentName, string environmentType) =>
        Topology.TopologyFor(environmentName, environmentType);

    internal YamlSource AppSource { get; }
    internal YamlSource ServicesSource { get; }
    internal YamlSource RoutesSource { get; }
    internal YamlSource EnvSource { get; }
    internal YamlSource TopologySource { get; }

    public static ProjectFiles Load(string projectRoot) => new(Path.GetFullPath(projectRoot));

    public static ProjectFiles Load(Workspace workspace) => new(workspace.Root);

    /// <summary>
    /// The application, services, routes and stage settings as a commit has them (what a deploy of
    /// that commit must use, whatever the working copy holds); the topology, which says where
    /// environments run rather than what they run, from the working copy at <paramref name="projectRoot"/>.
    /// </summary>
    public static ProjectFiles FromCommit(string repositoryPath, string commit, string projectRoot)
    {
        using var repository = new Repository(repositoryPath);
        var tree = repository.Lookup<Commit>(commit)?.Tree ?? throw new CloudException(CloudErrorId.InvalidArgument,
            $"There is no commit {commit} in {repositoryPath}. Give a commit of the project remote.", commit);
        var sources = new Dictionary<string, YamlSource>(StringComparer.Ordinal);
        foreach (var path in new[] { AppConfig.File, ServicesFile, RoutesFile, EnvConfig.File })
        {
            sources[path] = tree[path]?.Target is Blob blob
                ? YamlSource.Parse(path, blob.GetContentText())
                : YamlSource.Missing(path);
        }
        return new ProjectFiles(Path.GetFullPath(projectRoot), path => sources[path]);
    }

    /// <summary><c>type: "mysql:10.6"</c> → type mysql, version 10.6.</summary>
    private static ServiceDefinition ParseService(string name, YamlNode node)
    {
        var type = node.Child("type").Text()!;
        var colon = type.IndexOf(':');
        return new ServiceDefinition(
            name,
            colon < 0 ? type : type[..colon],
            colon < 0 ? null : type[(colon + 1)..],
            node.Child("disk").Integer(),
            node.Child("configuration").ToPlain() as Dictionary<string, object?> ?? new Dictionary<string, object?>());
    }

    private static Route ParseRoute(string url, YamlNode node) => new(
        url,
        node.Child("type").Text() ?? "upstream",
        node.Child("upstream").Text(),
        node.Child("to").Text(),
        node.Child("cache").Child("enabled").Boolean() ?? false,
        node.Child("ssi").Child("enabled").Boolean() ?? false)
    {
        Code = node.Child("code").Integer(),
    };
}
