using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MagentoCloud.Engine.Data;
using MySqlConnector;
using static MagentoCloud.Engine.Tests.Data.DatabaseTransferTests;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>
/// Magento 2.4.8-p1's whole schema (every module of a stock install) as one database, one row per table, every
/// personal column holding a marker: a sanitized copy must carry none of them.
/// </summary>
[Collection(LocalServerCollection.Name)]
public sealed partial class FullSchemaSanitizeTests(LocalServerFixture server)
{
    /// <summary>Personal or secret columns that their names alone do not give away (issue 14, REFERENCE.md).</summary>
    private static readonly string[] Listed =
    [
        "gift_message.sender", "gift_message.recipient", "gift_message.message", "quote_address.validated_vat_number",
        "quote_payment.paypal_payer_id", "sales_invoice.customer_note", "sales_creditmemo.customer_note", "sales_shipment.customer_note",
        "sales_shipment.shipping_label", "sales_shipment_track.track_number", "wishlist_item.description", "adobe_user_profile.name",
        "adobe_user_profile.email", "adobe_user_profile.access_token", "adobe_user_profile.refresh_token", "admin_adobe_ims_webapi.access_token",
        "admin_adobe_ims_webapi.access_token_hash", "paypal_settlement_report_row.consumer_id", "sales_payment_transaction.additional_information",
        "paypal_payment_transaction.additional_information", "importexport_importdata.data", "magento_operation.serialized_data",
        "queue_message.body", "sales_data_exporter_orders.feed_data", "sales_order.protect_code", "quote_id_mask.masked_id",
        "sales_order_confirm_cancel.confirmation_key", "customer_grid_flat.confirmation", "downloadable_link_purchased_item.link_hash",
        "paypal_billing_agreement.reference_id", "login_as_customer.secret",
        "customer_grid_flat.name", "customer_grid_flat.shipping_full", "customer_grid_flat.billing_full", "customer_grid_flat.billing_region",
        "customer_grid_flat.billing_company", "customer_address_entity.company", "customer_address_entity.region", "quote_address.company",
        "quote_address.region", "sales_order_address.company", "sales_order_address.region", "quote.customer_note", "sales_order.customer_note",
        "quote_address.customer_notes", "quote_payment.cc_owner", "quote_payment.cc_last_4", "quote_payment.cc_number_enc",
        "quote_payment.additional_information", "sales_order_payment.cc_owner", "sales_order_payment.cc_last_4", "sales_order_payment.cc_number_enc",
        "sales_order_payment.cc_trans_id", "sales_order_payment.last_trans_id", "sales_order_payment.echeck_account_name",
        "sales_order_payment.additional_information", "sales_order_grid.billing_name", "sales_order_grid.shipping_name",
        "sales_order_grid.billing_address", "sales_order_grid.shipping_address", "sales_order_grid.customer_name", "sales_invoice_grid.billing_name",
        "sales_invoice_grid.billing_address", "sales_invoice_grid.shipping_address", "sales_invoice_grid.customer_name",
        "sales_creditmemo_grid.billing_name", "sales_creditmemo_grid.billing_address", "sales_creditmemo_grid.shipping_address",
        "sales_creditmemo_grid.customer_name", "sales_shipment_grid.billing_name", "sales_shipment_grid.shipping_name",
        "sales_shipment_grid.billing_address", "sales_shipment_grid.shipping_address", "sales_shipment_grid.customer_name",
        "sales_invoice_comment.comment", "sales_creditmemo_comment.comment", "sales_shipment_comment.comment", "sales_order_status_history.comment",
        "review_detail.nickname", "review_detail.title", "review_detail.detail", "newsletter_subscriber.subscriber_confirm_code",
        "vault_payment_token.gateway_token", "vault_payment_token.details", "wishlist.sharing_code", "oauth_token.verifier",
        "customer_entity_varchar.value", "customer_entity_text.value", "customer_address_entity_varchar.value", "customer_address_entity_text.value",
        "search_query.query_text", "rating_option_vote.remote_ip",
        // Not admin_user.username nor its user role's name: the first admin keeps its login, by design (one row is the first).
    ];

    /// <summary>The store's own addresses, its warehouses', its rate tables, its templates' senders: not personal data.</summary>
    private static readonly string[] NotPersonal =
        ["inventory_source", "inventory_geoname", "tax_calculation_rate", "shipping_tablerate", "email_template", "newsletter_template", "newsletter_queue"];

    /// <summary>Values that hide customers' emails inside JSON and PHP-serialized data (issue 14, item 2).</summary>
    private static readonly Dictionary<string, string> Hidden = new()
    {
        ["sales_order_item.product_options"] = """{"info_buyRequest":{"qty":"1","options":{"7":"For hidden.json@leak.example"}},"options":[{"label":"Engraving","value":"For hidden.json@leak.example"}]}""",
        ["quote_item.additional_data"] = Serialize(("email", "Hidden.Serialized@Leak.example"), ("note", "call hidden.serialized@leak.example, not Ümit"), ("nested", Serialize(("to", "deep@leak.example")))),
        ["admin_user.extra"] = """{"configState":{"web_secure":"1"},"notify":"admin.extra@leak.example"}""",
        ["quote_item_option.value"] = Serialize(("email", "option@leak.example")),
    };

    [Fact]
    public async Task Sanitized_copy_of_magentos_whole_schema_carries_no_personal_column()
    {
        var schema = DeclaredSchema.Read(DeclaredSchema.Locate());
        Assert.True(schema.Tables.Count > 350, $"only {schema.Tables.Count} tables were read");
        var columns = schema.Tables.SelectMany(t => t.Columns.Select(c => $"{t.Name}.{c.Name}")).ToHashSet();
        Assert.Empty(Listed.Concat(Hidden.Keys).Where(c => !columns.Contains(c)));

        var source = await server.NewDatabaseAsync("magento");
        var (markers, kept) = await LoadAsync(source, schema);
        Assert.True(markers.Count > 150, $"only {markers.Count} personal columns were marked");
        var destination = await server.NewDatabaseAsync("sanitized");

        var result = await CopyAsync(source, destination, TableSelection.All, SanitizeRules.BuiltIn);

        var values = await StringValuesAsync(destination);
        Assert.Equal([$"{schema.Tables.Count}"], await ScalarsAsync(destination, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"));
        var leaks = values.SelectMany(v => Marker().Matches(v.Value).Select(m => $"{v.Table}.{v.Column}: {m.Value} (from {markers.GetValueOrDefault(m.Value, "a hidden value")})"))
            .Distinct().ToList();
        Assert.Empty(leaks);
        // Not personal, so untouched.
        Assert.Empty(kept.Where(k => values.All(v => v.Value != k.Value)).Select(k => $"{k.Key} lost its value"));
        // Addresses inside JSON and serialized PHP became the same fakes as anywhere else; both still parse.
        var fake = values.Single(v => v.Table == "quote_item" && v.Column == "additional_data").Value;
        Assert.True(SerializedLengthsHold(fake), fake);
        Assert.Matches(@"s:\d+:""u[0-9a-f]{20}@example\.invalid"";", fake);
        JsonDocument.Parse(values.Single(v => v.Table == "sales_order_item" && v.Column == "product_options").Value).Dispose();
        JsonDocument.Parse(values.Single(v => v.Table == "admin_user" && v.Column == "extra").Value).Dispose();
        // With the built-in rules, a stock store's personal data is all named: what is left to find is the hidden addresses.
        Assert.Equal(string.Join("\n", Hidden.Keys.Order()), string.Join("\n", result.Report!.Findings.Select(f => $"{f.Table}.{f.Column}").Order()));
        Assert.All(result.Report.Findings, f => Assert.Equal(SanitizeFindingReason.HeldEmailAddresses, f.Reason));
    }

    /// <summary>One row a table: personal columns hold markers (returned with their columns), the rest plain values.</summary>
    private static async Task<(Dictionary<string, string> Markers, Dictionary<string, string> Kept)> LoadAsync(DatabaseEndpoint endpoint, DeclaredSchema schema)
    {
        var markers = new Dictionary<string, string>();
        var kept = new Dictionary<string, string>();
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint));
        await connection.OpenAsync();
        await using (var mode = new MySqlCommand("SET SESSION sql_mode = ''", connection)) await mode.ExecuteNonQueryAsync();
        var n = 0;
        foreach (var table in schema.Tables)
        {
            var row = new List<string>();
            foreach (var column in table.Columns)
            {
                var name = $"{table.Name}.{column.Name}";
                n++;
                string value;
                if (Hidden.TryGetValue(name, out var hidden)) value = hidden;
                else if (!column.IsString) value = column.Type switch { "date" => "2001-02-03", "datetime" or "timestamp" => "2001-02-03 04:05:06", _ => "1" };
                else if (NotPersonal.Contains(table.Name) && LooksPersonal(column.Name)) kept[name] = value = $"kept{n}";
                else if (Listed.Contains(name) || LooksPersonal(column.Name))
                    markers[value = column.Name.Contains("email") || name == "paypal_settlement_report_row.consumer_id" ? $"pii{n}@leak.example" : $"PII{n}Z"] = name;
                else value = $"v{n}";
                if (column.Length is { } length && value.Length > length) value = value[..length];
                row.Add(Quote(value));
            }
            foreach (var sql in new[] { DeclaredSchema.Create(table), $"INSERT INTO `{table.Name}` VALUES ({string.Join(", ", row)})" })
            {
                await using var command = new MySqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
        }
        return (markers, kept);
    }

    private static bool LooksPersonal(string column) => PersonalName().IsMatch(column);

    private static async Task<List<(string Table, string Column, string Value)>> StringValuesAsync(DatabaseEndpoint endpoint)
    {
        var found = new List<(string, string, string)>();
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint));
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var command = new MySqlCommand(
            "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() " +
            "AND DATA_TYPE IN ('char','varchar','tinytext','text','mediumtext','longtext','blob','mediumblob','longblob','varbinary','binary')", connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (table, column) in columns)
        {
            await using var command = new MySqlCommand($"SELECT CAST(`{column}` AS CHAR CHARACTER SET utf8mb4) FROM `{table}` WHERE `{column}` IS NOT NULL", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) found.Add((table, column, reader.GetString(0)));
        }
        return found;
    }

    /// <summary>PHP's serialize() of a string-to-string array; lengths in bytes, as PHP counts them.</summary>
    internal static string Serialize(params (string Key, string Value)[] pairs) =>
        $"a:{pairs.Length}:{{" + string.Concat(pairs.Select(p => $"s:{Encoding.UTF8.GetByteCount(p.Key)}:\"{p.Key}\";s:{Encoding.UTF8.GetByteCount(p.Value)}:\"{p.Value}\";")) + "}";

    /// <summary>Every s:N:"..." of the value spans exactly N bytes and ends with ";.</summary>
    internal static bool SerializedLengthsHold(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var text = Encoding.Latin1.GetString(bytes); // one char a byte, so indexes are byte offsets
        foreach (Match match in Regex.Matches(text, @"(?<=^|[;{}])s:(\d+):"""))
        {
            var end = match.Index + match.Length + int.Parse(match.Groups[1].Value);
            if (end + 1 >= text.Length || text[end] != '"' || text[end + 1] != ';') return false;
        }
        return true;
    }

    private static string Quote(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    [GeneratedRegex(@"PII\d+Z|[A-Za-z0-9.]+@leak\.example", RegexOptions.IgnoreCase)]
    private static partial Regex Marker();

    [GeneratedRegex(@"(^|_)(email|firstname|middlename|lastname|telephone|phone|fax|street|city|postcode|dob|taxvat|vat_id|remote_ip|ip|x_forwarded_for|password|password_hash|token|secret)$|email$")]
    private static partial Regex PersonalName();
}
