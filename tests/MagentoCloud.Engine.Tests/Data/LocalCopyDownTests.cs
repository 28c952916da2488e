using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Tests.Project;
using MySqlConnector;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>
/// A copy between two environments of the local default: each has a URL of its own
/// (&lt;environment&gt;.&lt;project&gt;.localhost:&lt;port&gt;), so the copy rewrites the base URLs to the destination's
/// and refuses to leave a value that names the source's host.
/// </summary>
public sealed class LocalCopyDownTests : LocalShopTest
{
    private async Task<Dictionary<string, string>> SettingsAsync(string environment, params string[] statements)
    {
        await using var database = await Workspace.OpenDatabaseAsync(environment, SilentObserver.Instance, CancellationToken.None);
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(database.Endpoint));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        foreach (var statement in statements)
        {
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync();
        }
        command.CommandText = "SELECT path, value FROM core_config_data";
        var settings = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) settings[reader.GetString(0)] = reader.GetString(1);
        return settings;
    }

    private Task<CloudDatabaseCopy> CopyAsync() => new DatabaseCopyService(Workspace).CopyAsync("master", "feature",
        new DatabaseCopyOptions { NoSnapshot = true }, SilentObserver.Instance, CancellationToken.None);

    [Fact]
    public async Task A_local_copy_gives_the_destination_its_own_localhost_url_and_leaves_none_of_the_sources()
    {
        await Workspace.Environments.BranchAsync("feature");
        var master = Workspace.Deployments.UrlsOf("master").Single();
        var feature = Workspace.Deployments.UrlsOf("feature").Single();
        Assert.Matches(@"^http://master\.[a-z0-9-]+\.localhost:\d+/$", master.ToString());
        Assert.Equal(master.Port, feature.Port);
        await SettingsAsync("master",
            "CREATE TABLE core_config_data (config_id INT AUTO_INCREMENT PRIMARY KEY, scope VARCHAR(8) NOT NULL DEFAULT 'default', " +
            "scope_id INT NOT NULL DEFAULT 0, path VARCHAR(255) NOT NULL, value TEXT, UNIQUE KEY (scope, scope_id, path))",
            $"INSERT INTO core_config_data (path, value) VALUES ('web/unsecure/base_url', '{master}'), ('web/secure/base_url', '{master}'), " +
            $"('web/secure/base_link_url', '{master}checkout/')");

        var copy = await CopyAsync();

        var settings = await SettingsAsync("feature");
        Assert.Equal(feature.ToString(), settings["web/unsecure/base_url"]);
        Assert.Equal(feature.ToString(), settings["web/secure/base_url"]);
        Assert.Equal(feature + "checkout/", settings["web/secure/base_link_url"]);
        Assert.Equal(3, copy.SettingsChanged.Count);
        Assert.Equal(master.ToString(), (await SettingsAsync("master"))["web/unsecure/base_url"]);

        // A value that still names master's host is refused, naming it: feature's store would send its visitors to master.
        await SettingsAsync("master", $"INSERT INTO core_config_data (path, value) VALUES ('web/cookie/cookie_domain', '{master.Host}')");
        var error = await Assert.ThrowsAsync<CloudException>(CopyAsync);
        Assert.Equal(CloudErrorId.SourceHostRemains, error.Id);
        Assert.Contains($"web/cookie/cookie_domain [default 0] names {master.Host}", error.Message, StringComparison.Ordinal);
    }
}
