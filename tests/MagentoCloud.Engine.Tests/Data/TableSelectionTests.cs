using MagentoCloud.Engine;
using MagentoCloud.Engine.Data;

namespace MagentoCloud.Engine.Tests.Data;

public sealed class TableSelectionTests
{
    private static readonly string[] Magento =
    [
        "admin_user", "admin_user_session", "authorization_role", "ui_bookmark", "oauth_token", "oauth_nonce",
        "catalog_product_entity", "catalog_product_index_price_idx", "catalogsearch_fulltext_cl", "catalogsearch_recommendations",
        "customer_entity", "customer_entity_varchar", "customer_address_entity", "customer_grid_flat", "customer_log", "customer_visitor",
        "core_config_data", "store", "quote", "quote_address", "negotiable_quote", "sales_order", "sales_order_grid",
        "sales_invoice", "sales_bestsellers_aggregated_daily", "sequence_order_1", "inventory_reservation",
        "session", "persistent_session", "report_event", "report_viewed_product_index", "search_query", "search_synonyms",
        "tfa_user_config", "tfa_country_codes", "msp_tfa_user_config", "msp_tfa_trusted", "email_contact", "reporting_users",
        "cataloginventory_stock_status_replica", "catalog_product_index_eav__temp1", "salesrule_coupon_aggregated_order",
        "wishlist", "wishlist_item", "newsletter_subscriber", "vault_payment_token", "magento_rma", "system_config_snapshot",
        "klarna_core_order", "mailchimp_sync_batches", "catalog_category_product_index_batches",
    ];

    private static IReadOnlyList<string> Stripped(params string[] strip) => new TableSelection(strip).Resolve(Magento).StructureOnlyTables;

    [Fact]
    public void Stripped_group_covers_logs_sessions_marketing_temp_changelogs_batches_and_snapshot()
    {
        Assert.Equal(
            ["catalogsearch_fulltext_cl", "session", "persistent_session", "report_event", "report_viewed_product_index", "email_contact",
             "reporting_users", "catalog_product_index_eav__temp1", "system_config_snapshot", "catalog_category_product_index_batches"],
            Stripped("@stripped"));
    }

    [Fact]
    public void Customers_sales_and_quotes_groups_follow_n98()
    {
        Assert.Equal(["customer_entity", "customer_entity_varchar", "customer_address_entity", "customer_grid_flat", "customer_log",
                      "customer_visitor", "wishlist", "wishlist_item", "newsletter_subscriber", "vault_payment_token"], Stripped("@customers"));
        Assert.Equal(["sales_order", "sales_order_grid", "sales_invoice", "sales_bestsellers_aggregated_daily", "sequence_order_1",
                      "inventory_reservation", "magento_rma"], Stripped("@sales"));
        Assert.Equal(["quote", "quote_address", "negotiable_quote"], Stripped("@quotes"));
        Assert.Equal(Stripped("@customers", "@sales", "@quotes", "@klarna", "@mailchimp").Order(), Stripped("@trade").Order());
    }

    [Fact]
    public void Two_factor_group_holds_magento_24_tfa_tables_but_not_the_country_codes()
    {
        Assert.Equal(["tfa_user_config", "msp_tfa_user_config", "msp_tfa_trusted"], Stripped("@2fa"));
        Assert.DoesNotContain("tfa_country_codes", Stripped("@development"));
    }

    [Fact]
    public void Development_group_is_the_union_of_its_groups()
    {
        var union = Stripped("@admin", "@oauth", "@trade", "@stripped", "@search", "@2fa", "@aggregated");
        Assert.Equal(union.Order(), Stripped("@development").Order());
        Assert.Contains("admin_user", union);
        Assert.Contains("salesrule_coupon_aggregated_order", union);
        Assert.DoesNotContain("core_config_data", union);
        Assert.DoesNotContain("catalog_product_entity", union);
    }

    [Fact]
    public void Small_groups_match_their_patterns()
    {
        Assert.Equal(["catalog_product_index_price_idx"], Stripped("@idx"));
        Assert.Equal(["catalogsearch_fulltext_cl"], Stripped("@ee_changelog"));
        Assert.Equal(["cataloginventory_stock_status_replica"], Stripped("@replica"));
        Assert.Equal(["catalog_product_index_eav__temp1"], Stripped("@temp"));
        Assert.Equal(["oauth_token", "oauth_nonce"], Stripped("@oauth"));
        Assert.Equal(["admin_user", "admin_user_session", "authorization_role", "ui_bookmark"], Stripped("@admin"));
        Assert.Equal(["catalogsearch_fulltext_cl", "catalogsearch_recommendations", "search_query", "search_synonyms"], Stripped("@search"));
        Assert.Equal(["sales_bestsellers_aggregated_daily", "salesrule_coupon_aggregated_order"], Stripped("@aggregated"));
    }

    [Fact]
    public void One_entry_may_hold_several_selectors_and_wildcards()
    {
        Assert.Equal(["store", "session", "persistent_session"], Stripped("@sessions store", "nothing_*"));
        Assert.Equal(["store", "system_config_snapshot"], Stripped("s?ore,system_*"));
    }

    [Fact]
    public void Excluded_tables_are_skipped_even_when_stripped_and_include_keeps_only_its_tables()
    {
        var result = new TableSelection(strip: ["@sessions"], exclude: ["session", "report_*"]).Resolve(Magento);
        Assert.Equal(TableDisposition.Skipped, result["session"]);
        Assert.Equal(TableDisposition.StructureOnly, result["persistent_session"]);
        Assert.Equal(TableDisposition.Skipped, result["report_event"]);
        Assert.Equal(TableDisposition.Data, result["store"]);

        var only = new TableSelection(strip: ["@customers"], include: ["customer_*", "store"]).Resolve(Magento);
        Assert.Equal(["store"], only.DataTables);
        Assert.Equal(["customer_entity", "customer_entity_varchar", "customer_address_entity", "customer_grid_flat", "customer_log", "customer_visitor"],
            only.StructureOnlyTables);
        Assert.Equal(Magento.Length - 7, only.SkippedTables.Count);
    }

    [Fact]
    public void Table_prefix_is_left_out_when_matching()
    {
        var result = new TableSelection(strip: ["@sessions"], tablePrefix: "m2_").Resolve(["m2_session", "m2_store"]);
        Assert.Equal(["m2_session"], result.StructureOnlyTables);
    }

    [Fact]
    public void An_unknown_group_is_refused_with_the_known_ones()
    {
        var error = Assert.Throws<CloudException>(() => new TableSelection(strip: ["@logs"]));
        Assert.Equal(CloudErrorId.InvalidArgument, error.Id);
        Assert.Contains("@log,", error.Message);
    }
}
