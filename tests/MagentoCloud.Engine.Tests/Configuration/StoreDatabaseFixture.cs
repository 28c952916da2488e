using MagentoCloud.Engine.Data;
using MySqlConnector;

namespace MagentoCloud.Engine.Tests.Configuration;

/// <summary>One private MariaDB server for the configuration tests; each test makes its own database.</summary>
public sealed class StoreDatabaseFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mc-config-db-").FullName;
    private LocalDatabaseServer _server = null!;
    private DatabaseEndpoint _server_endpoint = null!;
    private int _next;

    public async Task InitializeAsync()
    {
        _server = new LocalDatabaseServer(_directory);
        _server_endpoint = await _server.EnsureRunningAsync("mysql", SilentObserver.Instance, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _server.StopAsync(CancellationToken.None);
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>A new database with Magento's store tables, empty.</summary>
    public async Task<DatabaseEndpoint> NewDatabaseAsync()
    {
        var endpoint = _server_endpoint.WithDatabase($"config_{Interlocked.Increment(ref _next)}_{Guid.NewGuid():N}"[..24]);
        await LocalDatabaseServer.CreateDatabaseAsync(endpoint, CancellationToken.None);
        await MagentoSchema.CreateAsync(endpoint, CancellationToken.None);
        return endpoint;
    }

    public static async Task ExecuteAsync(DatabaseEndpoint endpoint, string sql)
    {
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint));
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(DatabaseEndpoint endpoint, string sql)
    {
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint));
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class StoreDatabaseCollection : ICollectionFixture<StoreDatabaseFixture>
{
    public const string Name = "Store database";
}
