using MagentoCloud.Engine.Tests.Infrastructure;
using MySqlConnector;

namespace MagentoCloud.Engine.Tests.Transport;

[Collection(TestServicesCollection.Name)]
public sealed class MariaDbSmokeTests(TestServices services)
{
    [Fact]
    public async Task The_test_database_server_answers_over_tcp()
    {
        await using var connection = new MySqlConnection(services.MySqlConnectionString);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT VERSION()", connection);

        var version = (string)(await command.ExecuteScalarAsync())!;

        Assert.Contains("MariaDB", version);
    }
}
