namespace MagentoCloud.Engine.Project;

/// <summary>A project as the user sees it: what it is, where its parts live, how many environments it has.</summary>
public sealed class CloudProject
{
    /// <summary>The project's id, given to hooks as MAGENTO_CLOUD_PROJECT.</summary>
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>The application's name in .magento.app.yaml.</summary>
    public string Application { get; set; } = "";

    /// <summary>The working copy's folder.</summary>
    public string Path { get; set; } = "";

    /// <summary>The project remote: a path, or ssh://user@host/path.git.</summary>
    public string Remote { get; set; } = "";

    /// <summary>"Local" (the local default) or "Topology" (.magento/topology.yaml says where).</summary>
    public string Infrastructure { get; set; } = "";

    public int IntegrationLimit { get; set; }

    public int Environments { get; set; }

    public int ActiveEnvironments { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public override string ToString() => Title;
}
