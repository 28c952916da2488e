using MagentoCloud.Engine.Data;
using MySqlConnector;

namespace MagentoCloud.Engine.Tests.Data;

[Collection(LocalServerCollection.Name)]
public sealed class MagentoSchemaTests(LocalServerFixture server)
{
    [Fact]
    public async Task Schema_creates_every_listed_table_and_a_second_run_changes_nothing()
    {
        var endpoint = await server.NewDatabaseAsync("schema");
        await MagentoSchema.CreateAsync(endpoint, CancellationToken.None);
        await MagentoSchema.CreateAsync(endpoint, CancellationToken.None);

        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint));
        await connection.OpenAsync();
        var tables = await ListAsync(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()");
        Assert.Equal(MagentoSchema.Tables.OrderBy(t => t, StringComparer.Ordinal), tables.OrderBy(t => t, StringComparer.Ordinal));
        foreach (var required in new[] { "store_website", "core_config_data", "customer_entity_varchar", "customer_address_entity_int",
                     "customer_grid_flat", "catalog_product_entity_decimal", "quote_payment", "sales_order", "sales_creditmemo_grid",
                     "vault_payment_token", "tfa_user_config", "sequence_order_1", "catalogsearch_fulltext_cl", "search_query" })
            Assert.Contains(required, tables);
    }

    // Checked by hand against magento/magento2 app/code/Magento/<Module>/etc/db_schema.xml (2.4):
    //  - Sales sales_order: 136 columns from entity_id to coupon_rule_name; remote_ip varchar(45), x_forwarded_for
    //    varchar(255), customer_email varchar(128), total_qty_ordered decimal(12,4), created_at timestamp.
    //  - Customer customer_address_entity: street text NOT NULL, telephone varchar(255) NOT NULL, prefix varchar(40),
    //    region_id int unsigned, vat_request_date varchar(255).
    //  - Newsletter newsletter_subscriber: subscriber_email varchar(150), subscriber_confirm_code varchar(32)
    //    with the (sic) string default 'NULL', subscriber_status int.
    [Theory]
    [InlineData("sales_order", 136, "remote_ip", "varchar(45)")]
    [InlineData("sales_order", 136, "x_forwarded_for", "varchar(255)")]
    [InlineData("sales_order", 136, "customer_email", "varchar(128)")]
    [InlineData("sales_order", 136, "total_qty_ordered", "decimal(12,4)")]
    [InlineData("customer_address_entity", 25, "street", "text")]
    [InlineData("customer_address_entity", 25, "prefix", "varchar(40)")]
    [InlineData("newsletter_subscriber", 7, "subscriber_email", "varchar(150)")]
    [InlineData("catalog_product_entity_decimal", 5, "value", "decimal(20,6)")]
    [InlineData("core_config_data", 6, "scope", "varchar(8)")]
    public async Task Columns_match_magento_2_4_declarations(string table, int columns, string column, string type)
    {
        var endpoint = await server.NewDatabaseAsync("columns");
        await MagentoSchema.CreateAsync(endpoint, CancellationToken.None);
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint));
        await connection.OpenAsync();
        await using var command = new MySqlCommand(
            "SELECT COUNT(*), MAX(IF(column_name = @column, column_type, NULL)) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = @table",
            connection);
        command.Parameters.AddWithValue("@table", table);
        command.Parameters.AddWithValue("@column", column);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(columns, reader.GetInt32(0));
        Assert.Equal(type, reader.GetString(1));
    }

    internal static async Task<List<string>> ListAsync(MySqlConnection connection, string sql)
    {
        var list = new List<string>();
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) list.Add(reader.GetString(0));
        return list;
    }
}
