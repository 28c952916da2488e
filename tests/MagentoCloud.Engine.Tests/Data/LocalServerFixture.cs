using MagentoCloud.Engine;
using MagentoCloud.Engine.Data;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>One local MariaDB server for every test in the collection; each test makes its own database.</summary>
public sealed class LocalServerFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mc-sample-").FullName;
    private LocalDatabaseServer _server = null!;
    private DatabaseEndpoint _endpoint = null!;
    private int _databases;

    public async Task InitializeAsync()
    {
        _server = new LocalDatabaseServer(_directory);
        _endpoint = await _server.EnsureRunningAsync("db", SilentObserver.Instance, CancellationToken.None);
    }

    /// <summary>A new, empty database on the shared server.</summary>
    public async Task<DatabaseEndpoint> NewDatabaseAsync(string prefix)
    {
        var endpoint = _endpoint.WithDatabase($"{prefix}_{Interlocked.Increment(ref _databases)}");
        await LocalDatabaseServer.CreateDatabaseAsync(endpoint, CancellationToken.None);
        return endpoint;
    }

    public async Task DisposeAsync()
    {
        await _server.StopAsync(CancellationToken.None);
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class LocalServerCollection : ICollectionFixture<LocalServerFixture>
{
    public const string Name = "Local MariaDB server";
}
