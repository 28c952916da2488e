namespace MagentoCloud.Engine.Data;

/// <summary>
/// n98-magerun2's table groups for db:dump --strip, under the same names, plus Magento 2.4's own
/// two-factor tables in @2fa. Members are table patterns, other groups, or <c>!pattern</c> to leave
/// a table out of the group (tfa_country_codes is reference data, not 2FA state).
/// </summary>
public static class TableGroups
{
    public static IReadOnlyDictionary<string, string> Definitions { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["@admin"] = "admin* magento_logging_event magento_logging_event_changes ui_bookmark authorization_role authorization_rule",
        ["@oauth"] = "oauth_*",
        ["@log"] = "log_url log_url_info log_visitor log_visitor_info log_visitor_online report_event report_compared_product_index report_viewed_*",
        ["@sessions"] = "session persistent_session",
        ["@stripped"] = "@log @sessions @dotmailer @newrelic_reporting @temp @ee_changelog @indexer_batches system_config_snapshot",
        ["@sales"] = "sales_order sales_order_* sales_invoice sales_invoice_* sales_invoiced_* sales_shipment sales_shipment_* " +
                     "sales_shipping_* sales_creditmemo sales_creditmemo_* sales_recurring_* sales_refunded_* sales_payment_* " +
                     "sales_bestsellers_* sequence_order_* sequence_invoice_* sequence_shipment_* sequence_creditmemo_* " +
                     "enterprise_sales_* enterprise_customer_sales_* magento_customercustomattributes_sales_flat_* " +
                     "inventory_reservation paypal_billing_agreement* paypal_payment_transaction paypal_settlement_report* " +
                     "magento_rma magento_rma_* sequence_rma_item_* magento_sales_*_grid_archive",
        ["@quotes"] = "quote quote_* negotiable_quote negotiable_quote_*",
        ["@customers"] = "customer_address* customer_entity customer_entity_* customer_grid_flat customer_log customer_visitor " +
                         "newsletter_subscriber product_alert* vault_payment_token vault_payment_token_* wishlist wishlist_* " +
                         "company company_* magento_giftcardaccount magento_customerbalance magento_customerbalance_history " +
                         "magento_customersegment_customer magento_reward magento_reward_history",
        ["@trade"] = "@customers @sales @quotes @klarna @mailchimp",
        ["@development"] = "@admin @oauth @trade @stripped @search @2fa @aggregated",
        ["@search"] = "catalogsearch_* search_query search_synonyms",
        ["@idx"] = "*_idx",
        ["@ee_changelog"] = "*_cl",
        ["@indexer_batches"] = "*_index_batches",
        ["@aggregated"] = "*_aggregated *_aggregated_updated *_aggregated_created *_aggregated_daily *_aggregated_monthly " +
                          "*_aggregated_yearly *_aggregated_order",
        ["@2fa"] = "msp_tfa_user_config msp_tfa_trusted tfa_* !tfa_country_codes",
        ["@temp"] = "*__temp*",
        ["@replica"] = "*_replica",
        ["@newrelic_reporting"] = "reporting_*",
        ["@dotmailer"] = "email_abandoned_cart email_automation email_campaign email_catalog email_contact email_contact_consent " +
                         "email_coupon_attribute email_failed_auth email_importer email_order email_review email_rules email_wishlist",
        ["@klarna"] = "klarna_*",
        ["@mailchimp"] = "mailchimp_*",
    };

    /// <summary>True when <paramref name="table"/> (without prefix) is in the group, or matches the pattern.</summary>
    public static bool Matches(string selector, string table) => Matches(selector, table, depth: 0);

    /// <summary>Throws when a selector names a group that does not exist.</summary>
    public static void Validate(string selector)
    {
        if (selector.StartsWith('@') && !Definitions.ContainsKey(selector))
            throw new CloudException(
                CloudErrorId.InvalidArgument,
                $"There is no table group '{selector}'. Use one of {string.Join(", ", Definitions.Keys)}, or table names with * wildcards.",
                target: selector);
    }

    private static bool Matches(string selector, string table, int depth)
    {
        if (!selector.StartsWith('@')) return TablePattern.Matches(selector, table);
        if (depth > 16 || !Definitions.TryGetValue(selector, out var definition)) return false;
        var members = definition.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var member in members)
            if (member.StartsWith('!') && TablePattern.Matches(member[1..], table)) return false;
        foreach (var member in members)
            if (!member.StartsWith('!') && Matches(member, table, depth + 1)) return true;
        return false;
    }
}
