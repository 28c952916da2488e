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
