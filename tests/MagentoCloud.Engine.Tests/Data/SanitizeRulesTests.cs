using MagentoCloud.Engine;
using MagentoCloud.Engine.Data;

namespace MagentoCloud.Engine.Tests.Data;

public sealed class SanitizeRulesTests
{
    [Theory]
    [InlineData("customer_entity", "email", SanitizeAction.Email)]
    [InlineData("customer_entity", "password_hash", SanitizeAction.Hash)]
    [InlineData("customer_entity_varchar", "value", SanitizeAction.Text)]
    [InlineData("customer_address_entity", "street", SanitizeAction.Street)]
    [InlineData("customer_address_entity_datetime", "value", SanitizeAction.Date)]
    [InlineData("customer_grid_flat", "billing_telephone", SanitizeAction.Phone)]
    [InlineData("quote", "remote_ip", SanitizeAction.Ip)]
    [InlineData("quote_address", "postcode", SanitizeAction.Postcode)]
    [InlineData("quote_payment", "cc_number_enc", SanitizeAction.Null)]
    [InlineData("sales_order", "x_forwarded_for", SanitizeAction.Ip)]
    [InlineData("sales_order_address", "city", SanitizeAction.City)]
    [InlineData("sales_order_payment", "echeck_account_name", SanitizeAction.Name)]
    [InlineData("sales_invoice_grid", "billing_name", SanitizeAction.Name)]
    [InlineData("sales_creditmemo_comment", "comment", SanitizeAction.Text)]
    [InlineData("sales_order_status_history", "comment", SanitizeAction.Text)]
    [InlineData("newsletter_subscriber", "subscriber_email", SanitizeAction.Email)]
    [InlineData("review_detail", "nickname", SanitizeAction.FirstName)]
    [InlineData("rating_option_vote", "remote_ip_long", SanitizeAction.Ip)]
    [InlineData("admin_user", "username", SanitizeAction.Username)]
    [InlineData("vault_payment_token", "gateway_token", SanitizeAction.Token)]
    [InlineData("oauth_token", "secret", SanitizeAction.Token)]
    [InlineData("wishlist", "sharing_code", SanitizeAction.Token)]
    [InlineData("integration", "email", SanitizeAction.Email)]
    public void Built_in_rules_cover_magentos_personal_data(string table, string column, SanitizeAction action)
    {
        Assert.Equal(action, SanitizeRules.BuiltIn.For(table)!.Columns[column].Action);
    }

    [Theory]
    [InlineData("session", true)]
    [InlineData("persistent_session", true)]
    [InlineData("admin_user_session", true)]
    [InlineData("admin_passwords", true)]
    [InlineData("password_reset_request_event", true)]
    [InlineData("customer_visitor", true)]
    [InlineData("cache_tag", true)]
    [InlineData("customer_log", true)]
    [InlineData("catalog_product_index_price_tmp", true)]
    [InlineData("catalog_product_index_price_idx", true)]
    [InlineData("catalog_product_price_cl", true)]
    [InlineData("tfa_user_config", true)]
    [InlineData("msp_tfa_trusted", true)]
    [InlineData("tfa_country_codes", false)]
    [InlineData("catalog_product_entity", false)] // looked at, kept whole
    [InlineData("my_module_data", null)]
    public void Built_in_rules_empty_sessions_logs_caches_and_2fa_state(string table, bool? truncated)
    {
        Assert.Equal(truncated, SanitizeRules.BuiltIn.For(table)?.Truncate);
    }

    [Fact]
    public void Project_rules_extend_and_override_the_built_in_ones_column_by_column()
    {
        var project = SanitizeRules.Parse("""
            tables:
              customer_entity:
                columns:
                  taxvat: keep
                  custom_note: text
              "my_module_*":
                columns: { contact: email }
              my_module_log:
                truncate: false
              "sales_*":
                columns: { customer_email: keep }
            """, ".magento/sanitize.yaml");
        var rules = SanitizeRules.BuiltIn.Extend(project);
        var customer = rules.For("customer_entity")!;
        Assert.Equal(SanitizeAction.Keep, customer.Columns["taxvat"].Action);
        Assert.Equal(SanitizeAction.Text, customer.Columns["custom_note"].Action);
        Assert.Equal(SanitizeAction.Email, customer.Columns["email"].Action);
        Assert.Equal(SanitizeAction.Email, rules.For("my_module_contact")!.Columns["contact"].Action);
        Assert.False(rules.For("my_module_log")!.Truncate); // the project's exact name beats the built-in *_log
        // The project's wildcard beats the built-in exact rule: project rules always come last.
        Assert.Equal(SanitizeAction.Keep, rules.For("sales_order")!.Columns["customer_email"].Action);
    }

    [Fact]
    public void Inherit_false_drops_the_built_in_rules()
    {
        var rules = SanitizeRules.BuiltIn.Extend(SanitizeRules.Parse("inherit: false\ntables:\n  t: { truncate: true }\n", "x.yaml"));
        Assert.Null(rules.For("customer_entity"));
        Assert.True(rules.For("t")!.Truncate);
    }

    [Fact]
    public void Project_file_is_read_from_the_magento_folder()
    {
        var root = Directory.CreateTempSubdirectory("mc-rules-").FullName;
        try
        {
            Assert.Same(SanitizeRules.BuiltIn, SanitizeRules.ForProject(root));
            Directory.CreateDirectory(Path.Combine(root, ".magento"));
            File.WriteAllText(Path.Combine(root, ".magento", "sanitize.yaml"), "tables:\n  loyalty_card:\n    columns:\n      holder: name\n");
            var rules = SanitizeRules.ForProject(root);
            Assert.Equal(SanitizeAction.Name, rules.For("loyalty_card")!.Columns["holder"].Action);
            Assert.NotNull(rules.For("customer_entity"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_rule_for_some_rows_names_the_values_they_hold()
    {
        var rules = SanitizeRules.Parse(
            "tables:\n  t:\n    columns:\n      a: { action: username, when: { kind: U } }\n      b: { fixed: x, when: { kind: U, active: 1 } }\n", "x.yaml");
        var a = rules.For("t")!.Columns["a"];
        Assert.Equal(SanitizeAction.Username, a.Action);
        Assert.Equal("U", a.When!["kind"]);
        Assert.Equal("fixed: x when kind = U and active = 1", rules.For("t")!.Columns["b"].ToString());
        Assert.Equal("username when role_type = U", SanitizeRules.BuiltIn.For("authorization_role")!.Columns["role_name"].ToString());
    }

    [Theory]
    [InlineData("tables:\n  t:\n    columns:\n      c: { when: { k: U } }\n", "sanitize.yaml:4", "needs 'action' or 'fixed'")]
    [InlineData("tables:\n  t:\n    columns:\n      c: { action: email, when: U }\n", "sanitize.yaml:4", "'when' maps columns")]
    [InlineData("tables:\n  t:\n    columns:\n      c: { action: email, fixed: x }\n", "sanitize.yaml:4", "optional 'when'")]
    [InlineData("tables:\n  t:\n    columns:\n      c: scramble\n", "sanitize.yaml:4", "unknown action 'scramble'")]
    [InlineData("tables:\n  t:\n    truncate: maybe\n", "sanitize.yaml:3", "'maybe' is not true or false")]
    [InlineData("table:\n  t: {}\n", "sanitize.yaml:1", "unknown key 'table'")]
    [InlineData("tables: [a, b\n", "sanitize.yaml", "not valid YAML")]
    public void Invalid_rules_say_where_and_what(string yaml, string where, string what)
    {
        var error = Assert.Throws<CloudException>(() => SanitizeRules.Parse(yaml, "sanitize.yaml"));
        Assert.Equal(CloudErrorId.SanitizeRulesInvalid, error.Id);
        Assert.Contains(where, error.Message);
        Assert.Contains(what, error.Message);
    }
}
