using MagentoCloud.Engine;
using MagentoCloud.Engine.Data;
using MySqlConnector;

namespace MagentoCloud.Engine.Tests.Data;

public sealed class LocalDatabaseServerTests : IDisposable
{
    private readonly string _local = Directory.CreateTempSubdirectory("mc-localdb-").FullName;

    [Fact]
    public async Task Local_server_starts_on_demand_serves_a_database_and_is_found_running_again()
    {
        var server = new LocalDatabaseServer(_local);
        var endpoint = await server.EnsureRunningAsync("env_master", SilentObserver.Instance, CancellationToken.None);
        try
        {
            await LocalDatabaseServer.CreateDatabaseAsync(endpoint, CancellationToken.None);
            await using (var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint)))
            {
                await connection.OpenAsync();
                await using var command = new MySqlCommand("SELECT DATABASE()", connection);
                Assert.Equal("env_master", await command.ExecuteScalarAsync());
                // Its own temporary folder: a starting MariaDB deletes every #sql* file in its tmpdir, so a
                // shared one (/tmp) would lose another running server's temporary tables.
                await using var tmpdir = new MySqlCommand("SELECT @@tmpdir", connection);
                Assert.Equal(Path.Combine(_local, "mysql", "tmp"), ((string)(await tmpdir.ExecuteScalarAsync())!).TrimEnd('/'));
            }

            // A second caller (another process, say) finds the same server rather than starting one.
            var again = await new LocalDatabaseServer(_local).EnsureRunningAsync("env_staging", SilentObserver.Instance, CancellationToken.None);
            Assert.Equal(endpoint.Port, again.Port);
            Assert.Equal("127.0.0.1", again.Host);

            // The credentials file is readable by its owner only, and the password is not in the endpoint's text.
            var credentials = Path.Combine(_local, "mysql", "server.json");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials));
            Assert.DoesNotContain(endpoint.Password, endpoint.ToString());
        }
        finally
        {
            await server.StopAsync(CancellationToken.None);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_local, recursive: true); } catch (IOException) { }
    }
}
