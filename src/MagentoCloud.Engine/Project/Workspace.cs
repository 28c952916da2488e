using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Git;

namespace MagentoCloud.Engine.Project;

/// <summary>
/// A project as the engine opens it from the user's folder: the working copy, its project files,
/// and, through them, the project remote, the environments' state and the hosts.
/// Cmdlets get one per call; the engine's services hang off it.
/// </summary>
public sealed class Workspace
{
    /// <summary>The file that marks a project's root folder.</summary>
    public const string AppConfigFile = ".magento.app.yaml";

    private Workspace(string root)
    {
        Root = root;
    }

    /// <summary>The working copy's root folder.</summary>
    public string Root { get; }

    /// <summary>Where the local default keeps the project remote, slugs, environments and its database.</summary>
    public string LocalDirectory => Path.Combine(Root, ".magento", "local");

    private ProjectFiles? _files;

    /// <summary>The project's configuration files, read on first use.</summary>
    public ProjectFiles Files => _files ??= ProjectFiles.Load(this);

    private StateStore? _state;

    /// <summary>The environments' shared state in the project remote.</summary>
    public StateStore State => _state ??= new StateStore(ProjectRemote.ForWorkingCopy(Root));

    /// <summary>Environments, with Integration's limit and each one's place taken from the topology.</summary>
    public EnvironmentService Environments => new(State, Root, Files.Topology.IntegrationLimit)
    {
        Placement = Place,
        StartRuntime = Deployments.StartWebAsync,
        StopRuntime = Deployments.StopWebAsync,
    };

    public VariableService Variables => new(State);

    /// <summary>The local default's processes of the project: MariaDB, nginx, PHP-FPM.</summary>
    public Runtime.LocalRuntime LocalRuntime => new(this);

    public ActivityService Activities => new(State);

    /// <summary>Build, deploy, rollback, releases and commands on the environments' hosts.</summary>
    public Deploy.DeploymentService Deployments => new(Root, State);

    /// <summary>Opens an active environment's database from this machine (dispose it when done).</summary>
    public Task<EnvironmentDatabase> OpenDatabaseAsync(string environment, IOperationObserver observer, CancellationToken cancellationToken) =>
        EnvironmentDatabase.OpenAsync(this, environment, observer, cancellationToken);

    /// <summary>Where an environment runs, from the topology (the local default when it says nothing).</summary>
    public EnvironmentTopology TopologyFor(string name, EnvironmentType type) =>
        Files.Topology.TopologyFor(name, type.ToString().ToLowerInvariant());

    private void Place(CloudEnvironment environment)
    {
        var topology = TopologyFor(environment.Name, environment.Type);
        environment.Hosts = topology.IsLocal ? [LocalHostName] : topology.Hosts.Select(h => h.ToString()).ToList();
        environment.Urls = RouteUrls(environment, topology);
        environment.Url = topology.Url?.ToString() ?? environment.Urls.FirstOrDefault();
    }

    /// <summary>Its upstream routes' URLs; on the local default only once the project has a web port (reading them would pick one).</summary>
    private IReadOnlyList<string> RouteUrls(CloudEnvironment environment, EnvironmentTopology topology)
    {
        if (topology.IsLocal && topology.Url is null && !File.Exists(Path.Combine(LocalDirectory, "web", "port"))) return [];
        try
        {
            return Deployments.UrlsOf(environment.Name).Select(u => u.ToString()).ToList();
        }
        catch (CloudException)
        {
            return [];
        }
    }

    /// <summary>The project as the user sees it.</summary>
    public CloudProject Describe()
    {
        var record = State.Read(s => s.Project) ?? throw new CloudException(CloudErrorId.ProjectInvalid,
            $"The project remote '{State.Remote.Url}' holds no project state. Was it made with New-CloudProject?", Root);
        var environments = Environments.List();
        return new CloudProject
        {
            Id = record.Id,
            Title = record.Title,
            Application = Files.App.Name ?? "",
            Path = Root,
            Remote = State.Remote.Url,
            Infrastructure = Files.Topology.Exists ? "Topology" : "Local",
            IntegrationLimit = Files.Topology.IntegrationLimit,
            Environments = environments.Count,
            ActiveEnvironments = environments.Count(e => e.Status != EnvironmentStatus.Inactive),
            CreatedAt = record.CreatedAt,
        };
    }

    /// <summary>Makes a new project in <paramref name="folder"/> from the blank-site template: its files,
    /// the working copy, the project remote with master, staging and production, and the shared state.</summary>
    public static async Task<Workspace> CreateAsync(string folder, string? title, IOperationObserver observer, CancellationToken cancellationToken)
    {
        folder = Path.GetFullPath(folder);
        var made = !Directory.Exists(folder);
        Directory.CreateDirectory(folder);
        var name = string.IsNullOrWhiteSpace(title) ? Path.GetFileName(folder) : title;
        try
        {
            ProjectTemplate.WriteTo(folder, name);
            await new ProjectCreator().CreateAsync(folder, name, null, observer, cancellationToken).ConfigureAwait(false);
        }
        catch when (made)
        {
            Directory.Delete(folder, recursive: true); // a half-made project would only confuse the next try
            throw;
        }
        return new Workspace(folder);
    }

    /// <summary>How the local default's one host is named in output.</summary>
    public const string LocalHostName = "local";

    /// <summary>Opens the project whose root is <paramref name="start"/> or the nearest folder above it.</summary>
    public static Workspace Open(string start)
    {
        var directory = new DirectoryInfo(Path.GetFullPath(start));
        for (var d = directory; d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, AppConfigFile)))
                return new Workspace(d.FullName);
        }
        throw new CloudException(
            CloudErrorId.ProjectNotFound,
            $"No Magento Cloud project at or above '{directory.FullName}' (no {AppConfigFile} found). " +
            "Change to a project folder, pass -ProjectPath, or create one with New-CloudProject.",
            target: directory.FullName);
    }
}
