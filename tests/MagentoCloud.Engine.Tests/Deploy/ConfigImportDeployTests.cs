using LibGit2Sharp;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;
using MySqlConnector;

namespace MagentoCloud.Engine.Tests.Deploy;

public sealed class ConfigImportDeployTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Directory.CreateTempSubdirectory("mc-cfgimport-").FullName, "shop");
    private Workspace _workspace = null!;

    public async Task InitializeAsync() =>
        _workspace = await Workspace.CreateAsync(_folder, "Shop", SilentObserver.Instance, CancellationToken.None);

    [Fact]
    public async Task Deploy_imports_the_commits_config_php_scopes_into_the_environments_database()
    {
        await using (var database = await _workspace.OpenDatabaseAsync("master", SilentObserver.Instance, CancellationToken.None))
            await MagentoSchema.CreateAsync(database.Endpoint, CancellationToken.None);

        var first = await _workspace.Deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.Equal(ActivityResult.Success, first.Result);
        Assert.Contains(first.Steps, s => s.Name == "ImportConfiguration" && s.Result == ActivityResult.Success);
        Assert.Equal(["admin", "default"], await StoreCodesAsync());

        // A store view added to config.php in Git reaches the database with the next deploy.
        var configPhp = Path.Combine(_folder, "app", "etc", "config.php");
        var text = await File.ReadAllTextAsync(configPhp);
        text = text.Replace("        'stores' => [\n", """
                    'stores' => [
                        'french' => [
                            'store_id' => '2',
                            'code' => 'french',
                            'website_id' => '1',
                            'group_id' => '1',
                            'name' => 'French Store View',
                            'sort_order' => '1',
                            'is_active' => '1',
                        ],

            """);
        await File.WriteAllTextAsync(configPhp, text);
        using (var repository = new Repository(_folder))
        {
            Commands.Stage(repository, "app/etc/config.php");
            var signature = new Signature("Test", "test@example.invalid", DateTimeOffset.Now);
            repository.Commit("Add a French store view", signature, signature);
        }
        await _workspace.Environments.PushAsync("master");
        var second = await _workspace.Deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.Equal(ActivityResult.Success, second.Result);
        Assert.Contains("1 added", second.Log);
        Assert.Equal(["admin", "default", "french"], await StoreCodesAsync());
    }

    [Fact]
    public async Task Deploy_into_a_database_without_Magento_tables_skips_the_import_and_says_so()
    {
        var activity = await _workspace.Deployments.DeployAsync("master", null, SilentObserver.Instance, CancellationToken.None);
        Assert.Equal(ActivityResult.Success, activity.Result);
        Assert.Contains("no Magento store tables yet", activity.Log);
    }

    private async Task<List<string>> StoreCodesAsync()
    {
        await using var database = await _workspace.OpenDatabaseAsync("master", SilentObserver.Instance, CancellationToken.None);
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(database.Endpoint));
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT code FROM store ORDER BY code", connection);
        var codes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) codes.Add(reader.GetString(0));
        return codes;
    }

    public async Task DisposeAsync()
    {
        // Its MariaDB, nginx and PHP-FPM: they outlive the test on purpose, so it stops what it caused.
        await _workspace.LocalRuntime.StopAsync(SilentObserver.Instance, CancellationToken.None);
        try { Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true); } catch (IOException) { }
    }
}
