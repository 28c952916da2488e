using LibGit2Sharp;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Tests.Project;

/// <summary>A test on a new project from the template on the local default; what its deploys started and its private MariaDB are stopped and its folder removed afterwards.</summary>
public abstract class LocalShopTest : IAsyncLifetime
{
    protected string Folder { get; } = Path.Combine(Directory.CreateTempSubdirectory("mc-shop-").FullName, "shop");

    protected Workspace Workspace { get; private set; } = null!;

    public virtual async Task InitializeAsync() =>
        Workspace = await Workspace.CreateAsync(Folder, "Shop", SilentObserver.Instance, CancellationToken.None);

    /// <summary>Writes <paramref name="path"/> in the working copy, commits it and pushes master.</summary>
    protected void CommitAndPush(string path, string text)
    {
        File.WriteAllText(Path.Combine(Folder, path), text);
        using (var repository = new Repository(Folder))
        {
            Commands.Stage(repository, path);
            var signature = new Signature("Test", "test@example.invalid", DateTimeOffset.Now);
            repository.Commit("Change " + path, signature, signature);
        }
        Workspace.Environments.PushAsync("master").GetAwaiter().GetResult();
    }

    /// <summary>
    /// Adds a service to services.yaml, a relationship line under the database's in .magento.app.yaml, and makes
    /// <paramref name="deployHook"/> (YAML at the hooks' indent) the deploy hook; commits and pushes both. Returns the app file.
    /// </summary>
    protected string AddService(string serviceYaml, string relationship, string deployHook)
    {
        File.AppendAllText(Path.Combine(Folder, ".magento", "services.yaml"), serviceYaml);
        CommitAndPush(".magento/services.yaml", File.ReadAllText(Path.Combine(Folder, ".magento", "services.yaml")));
        var app = File.ReadAllText(Path.Combine(Folder, ".magento.app.yaml"))
            .Replace("    database: \"mysql:mysql\"\n", $"    database: \"mysql:mysql\"\n    {relationship}\n")
            .Replace("    deploy: |\n        set -e\n", deployHook + "\n");
        CommitAndPush(".magento.app.yaml", app);
        return app;
    }

    public virtual async Task DisposeAsync()
    {
        // What deploys started (nginx, PHP-FPM, the environments' Redis servers) and the private MariaDB.
        await Workspace.LocalRuntime.StopAsync(SilentObserver.Instance, CancellationToken.None);
        await new LocalDatabaseServer(Workspace.LocalDirectory).StopAsync(CancellationToken.None);
        Environments.TestProject.DeleteKeys(Workspace.State.Read(s => s.Project?.Id));
        try { Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true); } catch (IOException) { }
    }
}
