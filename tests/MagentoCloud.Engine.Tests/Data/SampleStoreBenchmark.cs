using System.Globalization;
using MagentoCloud.Engine.Data;
using MySqlConnector;
using Xunit.Abstractions;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>
/// Throughput of the sample store generator. Runs only with MC_SAMPLE_BENCHMARK set, to
/// "customers,products,orders" (e.g. 10000,2000,50000); otherwise it returns at once.
/// </summary>
[Collection(LocalServerCollection.Name)]
public sealed class SampleStoreBenchmark(LocalServerFixture server, ITestOutputHelper output)
{
    [Fact]
    public async Task Sample_store_throughput()
    {
        var spec = Environment.GetEnvironmentVariable("MC_SAMPLE_BENCHMARK");
        if (string.IsNullOrEmpty(spec)) return;
        var parts = spec.Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var options = new SampleStoreOptions { Customers = parts[0], Products = parts[1], Orders = parts[2], Seed = 42 };
        var endpoint = await server.NewDatabaseAsync("bench");

        var result = await SampleStore.InstallAsync("bench", endpoint, options, SilentObserver.Instance, CancellationToken.None);

        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint));
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            "SELECT SUM(data_length + index_length) FROM information_schema.tables WHERE table_schema = DATABASE()", connection);
        var onDisk = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        var seconds = result.Duration.TotalSeconds;
        output.WriteLine($"customers {options.Customers}, products {options.Products}, orders {options.Orders}");
        output.WriteLine($"rows {result.Rows:N0} in {seconds:N1} s = {result.Rows / seconds:N0} rows/s");
        output.WriteLine($"SQL {result.Bytes / 1048576.0:N1} MB = {result.Bytes / 1048576.0 / seconds:N1} MB/s; InnoDB data+index {onDisk / 1048576.0:N1} MB");
    }
}
