using System.Text.Json;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Tests.Infrastructure;
using MySqlConnector;

namespace MagentoCloud.Engine.Tests.Runtime;

/// <summary>
/// A project made of tests/apps/shop with Magento-shaped routes, on the local default, its database
/// on the test services' MariaDB; deployed for real, then requested over HTTP on loopback.
/// </summary>
public sealed class LiveProject : IAsyncDisposable
{
    public const string Routes = """
        "https://{default}/":
            type: upstream
            upstream: "shop:http"
        "http://{default}/":
            type: redirect
            to: "https://{default}/"
        """;

    private readonly TestServices _services;

    private LiveProject(TestServices services, string root, string database)
    {
        _services = services;
        Root = root;
        Database = database;
    }

    public string Root { get; }

    public string Database { get; }

    public Workspace Workspace => Workspace.Open(Root);

    public static async Task<LiveProject> CreateAsync(TestServices services, bool rollbackOnFailure = false, string healthCheck = "{}")
    {
        var root = Directory.CreateTempSubdirectory("mc-live-").FullName;
        foreach (var file in Directory.EnumerateFiles(ShopSite.AppFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(ShopSite.AppFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        var database = $"live_{Guid.NewGuid():N}"[..20];
        await ExecuteAsync(services, $"CREATE DATABASE `{database}`");
        var password = Path.Combine(root, "..", Path.GetFileName(root) + ".db-password");
        File.WriteAllText(password, services.DbPassword);
        File.SetUnixFileMode(password, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.CreateDirectory(Path.Combine(root, ".magento"));
        File.WriteAllText(Path.Combine(root, ".magento", "routes.yaml"), Routes);
        File.WriteAllText(Path.Combine(root, ".magento", "services.yaml"), "mysql:\n    type: mysql:10.6\n    disk: 1024\n");
        File.WriteAllText(Path.Combine(root, ".magento", "topology.yaml"), $"""
            environments:
                development:
                    rollback_on_failure: {(rollbackOnFailure ? "true" : "false")}
                    health_check: {healthCheck}
                    database:
                        host: {services.DbHost}
                        port: {services.DbPort}
                        name: {database}
                        user: {services.DbUser}
                        password_file: {password}
            """);
        await new ProjectCreator().CreateAsync(root, "Shop");
        return new LiveProject(services, root, database);
    }

    public string ProjectId => Workspace.State.Read(s => s.Project!.Id);

    public int Port => int.Parse(File.ReadAllText(Path.Combine(Root, ".magento", "local", "web", "port")).Trim());

    public string HostName(string environment = "master") => $"{environment}.{ProjectId}.localhost";

    public string EnvironmentRoot(string environment = "master") => Path.Combine(Root, ".magento", "local", "environments", environment);

    public string LiveRelease(string environment = "master") =>
        Path.GetFileName(new DirectoryInfo(Path.Combine(EnvironmentRoot(environment), "current")).ResolveLinkTarget(false)!.FullName);

    /// <summary>A commit on master's head in the project remote with <paramref name="files"/> changed (the branch stays).</summary>
    public string Commit(IReadOnlyDictionary<string, string> files)
    {
        using var repo = new LibGit2Sharp.Repository(MagentoCloud.Engine.Git.ProjectRemote.ForWorkingCopy(Root).GitDirectory);
        var head = repo.Branches["master"].Tip;
        var definition = LibGit2Sharp.TreeDefinition.From(head.Tree);
        foreach (var (path, text) in files)
            definition.Add(path, repo.ObjectDatabase.CreateBlob(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text))), LibGit2Sharp.Mode.NonExecutableFile);
        var signature = new LibGit2Sharp.Signature("T", "t@example.com", DateTimeOffset.Now);
        return repo.ObjectDatabase.CreateCommit(signature, signature, "change", repo.ObjectDatabase.CreateTree(definition), [head], false).Sha;
    }

    public Task<CloudActivity> DeployAsync(string? commit = null, string environment = "master") =>
        Workspace.Deployments.DeployAsync(environment, commit, SilentObserver.Instance, CancellationToken.None);

    public Task<(int Status, string Body, HttpResponseMessage Response)> GetAsync(string path, string environment = "master") =>
        Http.GetAsync(Port, HostName(environment), path);

    public static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    private static async Task ExecuteAsync(TestServices services, string sql)
    {
        await using var connection = new MySqlConnection(services.MySqlConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var environment in Workspace.Environments.List())
        {
            try { await Workspace.Deployments.StopWebAsync(environment.Name, SilentObserver.Instance, CancellationToken.None); } catch (CloudException) { }
            // The environment's local Redis, when its relationships gave it one.
            await new Engine.Services.EnvironmentServices(Root).FreeAsync(environment.Name, environment.Type, [], SilentObserver.Instance, CancellationToken.None);
        }
        await ExecuteAsync(_services, $"DROP DATABASE IF EXISTS `{Database}`");
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        File.Delete(Path.Combine(Root, "..", Path.GetFileName(Root) + ".db-password"));
    }
}
