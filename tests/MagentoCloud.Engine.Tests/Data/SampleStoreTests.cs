using System.Globalization;
using MagentoCloud.Engine.Data;
using MySqlConnector;

namespace MagentoCloud.Engine.Tests.Data;

[Collection(LocalServerCollection.Name)]
public sealed class SampleStoreTests(LocalServerFixture server)
{
    private static readonly SampleStoreOptions Small = new() { Customers = 120, Products = 40, Orders = 300, Seed = 7 };

    [Fact]
    public async Task Same_seed_writes_the_same_rows_in_every_table()
    {
        var first = await server.NewDatabaseAsync("seed");
        var second = await server.NewDatabaseAsync("seed");
        var other = await server.NewDatabaseAsync("seed");
        await SampleStore.InstallAsync("a", first, Small, SilentObserver.Instance, CancellationToken.None);
        await SampleStore.InstallAsync("b", second, Small, SilentObserver.Instance, CancellationToken.None);
        await SampleStore.InstallAsync("c", other, Small with { Seed = 8 }, SilentObserver.Instance, CancellationToken.None);

        var a = await ChecksumsAsync(first);
        var b = await ChecksumsAsync(second);
        var c = await ChecksumsAsync(other);
        Assert.Equal(a, b);
        Assert.NotEqual(a["customer_entity"], c["customer_entity"]);
        Assert.NotEqual(a["sales_order"], c["sales_order"]);
    }

    [Fact]
    public async Task Counts_match_the_options_and_every_order_has_its_parts()
    {
        var endpoint = await server.NewDatabaseAsync("counts");
        var progress = new List<OperationProgress>();
        var result = await SampleStore.InstallAsync("integration", endpoint, Small, new RecordingObserver(progress), CancellationToken.None);

        Assert.Equal(120, await CountAsync(endpoint, "customer_entity"));
        Assert.Equal(120, await CountAsync(endpoint, "customer_grid_flat"));
        Assert.Equal(40, await CountAsync(endpoint, "catalog_product_entity"));
        Assert.Equal(40, await CountAsync(endpoint, "cataloginventory_stock_item"));
        Assert.Equal(300, await CountAsync(endpoint, "sales_order"));
        Assert.Equal(300, await CountAsync(endpoint, "sales_order_grid"));
        Assert.Equal(300, await CountAsync(endpoint, "sales_order_payment"));
        Assert.Equal(600, await CountAsync(endpoint, "sales_order_address"));
        Assert.Equal(0, await ScalarAsync(endpoint, "SELECT COUNT(*) FROM sales_order o WHERE NOT EXISTS (SELECT 1 FROM sales_order_item i WHERE i.order_id = o.entity_id)"));
        Assert.Equal(0, await ScalarAsync(endpoint, "SELECT COUNT(*) FROM sales_order o WHERE NOT EXISTS (SELECT 1 FROM quote q WHERE q.entity_id = o.quote_id)"));
        Assert.Equal(0, await ScalarAsync(endpoint, "SELECT COUNT(*) FROM customer_entity c WHERE NOT EXISTS (SELECT 1 FROM customer_address_entity a WHERE a.parent_id = c.entity_id)"));
        Assert.True(await CountAsync(endpoint, "customer_entity_int") == 120);
        Assert.True(await CountAsync(endpoint, "customer_address_entity_int") >= 120);
        Assert.True(await CountAsync(endpoint, "newsletter_subscriber") > 0);
        Assert.True(await CountAsync(endpoint, "review_detail") > 0);
        Assert.True(await CountAsync(endpoint, "customer_visitor") > 0);

        Assert.Equal("integration", result.Environment);
        Assert.Equal(7, result.Seed);
        Assert.Equal(await TotalRowsAsync(endpoint), result.Rows);
        Assert.True(result.Bytes > 0);
        Assert.Contains(progress, p => p.Completed && p.PercentComplete == 100);
        Assert.True(progress.Select(p => p.PercentComplete).SequenceEqual(progress.Select(p => p.PercentComplete).Order()));
    }

    [Fact]
    public async Task Columns_carry_plausible_values()
    {
        var endpoint = await server.NewDatabaseAsync("values");
        await SampleStore.InstallAsync("staging", endpoint, Small, SilentObserver.Instance, CancellationToken.None);

        // Unique, well-formed e-mails; the same e-mail on the customer, its orders and the grid.
        Assert.Equal(0, await ScalarAsync(endpoint, "SELECT COUNT(*) FROM customer_entity WHERE email NOT REGEXP '^[a-z0-9.-]+@[a-z0-9.-]+\\\\.[a-z]+$'"));
        Assert.Equal(0, await ScalarAsync(endpoint, "SELECT COUNT(*) FROM sales_order o JOIN customer_entity c ON c.entity_id = o.customer_id WHERE o.customer_email <> c.email"));
        Assert.Equal(0, await ScalarAsync(endpoint, "SELECT COUNT(*) FROM sales_order o JOIN sales_order_grid g ON g.entity_id = o.entity_id WHERE g.customer_email <> o.customer_email OR g.increment_id <> o.increment_id"));
        // Totals add up.
        Assert.Equal(0, await ScalarAsync(endpoint, "SELECT COUNT(*) FROM sales_order WHERE ABS(base_grand_total - base_subtotal - base_tax_amount - base_shipping_amount) > 0.0001"));
        Assert.Equal(0, await ScalarAsync(endpoint, "SELECT COUNT(*) FROM sales_order o WHERE ABS(o.base_subtotal - (SELECT SUM(base_row_total) FROM sales_order_item i WHERE i.order_id = o.entity_id)) > 0.0001"));
        // Addresses, names, IPs, products.
        Assert.Equal(0, await ScalarAsync(endpoint, "SELECT COUNT(*) FROM customer_address_entity WHERE street = '' OR city = '' OR telephone = '' OR country_id NOT IN ('US','FR')"));
        Assert.Equal(0, await ScalarAsync(endpoint, "SELECT COUNT(*) FROM sales_order WHERE remote_ip NOT REGEXP '^[0-9]+\\\\.[0-9]+\\\\.[0-9]+\\\\.[0-9]+$'"));
        Assert.True(await ScalarAsync(endpoint, "SELECT COUNT(DISTINCT lastname) FROM customer_entity") > 10);
        Assert.Equal(40, await ScalarAsync(endpoint, "SELECT COUNT(*) FROM catalog_product_entity_decimal WHERE attribute_id = 77 AND store_id = 0 AND value BETWEEN 9 AND 300"));
        Assert.Equal(40, await ScalarAsync(endpoint, "SELECT COUNT(*) FROM catalog_product_entity_varchar WHERE attribute_id = 73 AND store_id = 0 AND value LIKE '% %'"));
        // Scopes and configuration as a real store has them.
        Assert.Equal(3, await CountAsync(endpoint, "store"));
        Assert.Equal("fr_FR", await TextAsync(endpoint, "SELECT value FROM core_config_data WHERE scope = 'stores' AND scope_id = 2 AND path = 'general/locale/code'"));
        Assert.StartsWith("0:3:", await TextAsync(endpoint, "SELECT value FROM core_config_data WHERE path = 'payment/braintree/private_key'"));
        Assert.Equal("Magento/luma", await TextAsync(endpoint, "SELECT theme_path FROM theme WHERE theme_id = (SELECT value FROM core_config_data WHERE path = 'design/theme/theme_id')"));
        Assert.Equal("admin", await TextAsync(endpoint, "SELECT username FROM admin_user WHERE user_id = 1"));
    }

    [Fact]
    public async Task A_database_that_already_holds_a_store_is_refused()
    {
        var endpoint = await server.NewDatabaseAsync("twice");
        await SampleStore.InstallAsync("dev", endpoint, Small with { Orders = 5 }, SilentObserver.Instance, CancellationToken.None);
        var error = await Assert.ThrowsAsync<CloudException>(() =>
            SampleStore.InstallAsync("dev", endpoint, Small with { Orders = 5 }, SilentObserver.Instance, CancellationToken.None));
        Assert.Equal(CloudErrorId.StateConflict, error.Id);
        Assert.Contains("empty", error.Message);
    }

    private static async Task<Dictionary<string, long>> ChecksumsAsync(DatabaseEndpoint endpoint)
    {
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint));
        await connection.OpenAsync();
        await using var command = new MySqlCommand("CHECKSUM TABLE " + string.Join(", ", MagentoSchema.Tables.Select(LocalDatabaseServer.QuoteIdentifier)), connection);
        await using var reader = await command.ExecuteReaderAsync();
        var sums = new Dictionary<string, long>();
        while (await reader.ReadAsync())
            sums[reader.GetString(0).Split('.')[1]] = reader.IsDBNull(1) ? -1 : reader.GetInt64(1);
        return sums;
    }

    private static async Task<long> TotalRowsAsync(DatabaseEndpoint endpoint)
    {
        long total = 0;
        foreach (var table in MagentoSchema.Tables) total += await CountAsync(endpoint, table);
        return total;
    }

    private static Task<long> CountAsync(DatabaseEndpoint endpoint, string table) =>
        ScalarAsync(endpoint, $"SELECT COUNT(*) FROM {LocalDatabaseServer.QuoteIdentifier(table)}");

    private static async Task<long> ScalarAsync(DatabaseEndpoint endpoint, string sql) =>
        Convert.ToInt64(await RawScalarAsync(endpoint, sql), CultureInfo.InvariantCulture);

    private static async Task<string?> TextAsync(DatabaseEndpoint endpoint, string sql) => (await RawScalarAsync(endpoint, sql))?.ToString();

    private static async Task<object?> RawScalarAsync(DatabaseEndpoint endpoint, string sql)
    {
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint));
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private sealed class RecordingObserver(List<OperationProgress> progress) : IOperationObserver
    {
        public void Progress(OperationProgress report) { lock (progress) progress.Add(report); }
        public void Log(string line) { }
        public void Warning(string message) { }
    }
}
