using System.Text.Json;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Tests.Project;
using MySqlConnector;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>On the local default, each environment's code gets an account of its own, on its own database only.</summary>
public sealed class EnvironmentAccountTests : LocalShopTest
{
    [Fact]
    public async Task An_environments_database_account_cannot_read_or_drop_another_environments_database()
    {
        await using var production = await Workspace.OpenDatabaseAsync("production", SilentObserver.Instance, CancellationToken.None);
        await using var master = await Workspace.OpenDatabaseAsync("master", SilentObserver.Instance, CancellationToken.None);
        await ExecuteAsync(production.Endpoint, "CREATE TABLE orders (id INT PRIMARY KEY)");

        // The application's account is not the engine's, and works on its own database.
        Assert.NotEqual(master.Endpoint.User, master.HostEndpoint.User);
        Assert.NotEqual(master.Endpoint.Password, master.HostEndpoint.Password);
        Assert.NotEqual(production.HostEndpoint.User, master.HostEndpoint.User);
        await ExecuteAsync(master.HostEndpoint, "CREATE TABLE mine (id INT PRIMARY KEY)");

        // It cannot reach production's database, nor drop it, nor see it.
        var read = await Assert.ThrowsAsync<MySqlException>(() => ExecuteAsync(master.HostEndpoint with { Database = production.Endpoint.Database },
            "SELECT COUNT(*) FROM orders"));
        Assert.Equal(MySqlErrorCode.DatabaseAccessDenied, read.ErrorCode);
        var drop = await Assert.ThrowsAsync<MySqlException>(() => ExecuteAsync(master.HostEndpoint, $"DROP DATABASE `{production.Endpoint.Database}`"));
        Assert.Equal(MySqlErrorCode.DatabaseAccessDenied, drop.ErrorCode);
        Assert.Equal(0L, await ScalarAsync(master.HostEndpoint,
            $"SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '{production.Endpoint.Database}'"));
        Assert.Equal(1L, await ScalarAsync(production.Endpoint, "SELECT COUNT(*) + 1 FROM orders"));
    }

    [Fact]
    public async Task A_server_made_before_separate_accounts_gets_a_new_administrative_password()
    {
        string before;
        await using (var master = await Workspace.OpenDatabaseAsync("master", SilentObserver.Instance, CancellationToken.None))
            before = master.Endpoint.Password;
        // As an older version wrote it: no accounts layout; its password was given to every application.
        var credentials = Path.Combine(Workspace.LocalDirectory, "mysql", "server.json");
        var state = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(credentials))!;
        state.Remove("Accounts");
        File.WriteAllText(credentials, JsonSerializer.Serialize(state));

        await using var again = await Workspace.OpenDatabaseAsync("master", SilentObserver.Instance, CancellationToken.None);
        Assert.NotEqual(before, again.Endpoint.Password);
        await Assert.ThrowsAsync<MySqlException>(() => ScalarAsync(again.Endpoint with { Password = before }, "SELECT 1"));
        Assert.Equal(1L, await ScalarAsync(again.Endpoint, "SELECT 1"));
        Assert.Equal(1L, await ScalarAsync(again.HostEndpoint, "SELECT 1"));
    }

    private static async Task ExecuteAsync(DatabaseEndpoint endpoint, string sql)
    {
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(DatabaseEndpoint endpoint, string sql)
    {
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
