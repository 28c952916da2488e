using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MagentoCloud.Engine.Data;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>What the sanitizer finds where no rule names it: addresses inside values, columns named like personal data.</summary>
public sealed partial class SanitizeBeyondRulesTests
{
    private static readonly EmailScrubber Scrubber = new(new KeyedHash(DumpText.Key));

    private static string Fake(string email)
    {
        var hash = new byte[KeyedHash.DigestSize];
        Scrubber.Hash(Encoding.UTF8.GetBytes(email), hash);
        var into = new ByteBuilder();
        FakeValues.AppendEmail(hash, into);
        return Encoding.ASCII.GetString(into.Span);
    }

    /// <summary>The value with its addresses replaced, or null when it held none; literal in, literal out.</summary>
    private static string? Rewrite(string literal)
    {
        var into = new ByteBuilder();
        return Scrubber.Rewrite(Encoding.UTF8.GetBytes(literal), into) == 0 ? null : Encoding.UTF8.GetString(into.Span);
    }

    [Fact]
    public void Addresses_in_text_and_json_become_the_fakes_of_the_email_action_case_insensitively()
    {
        Assert.Equal($"'Call {Fake("jane@example.com")} or {Fake("jane@example.com")}.'", Rewrite("'Call Jane@Example.COM or jane@example.com.'"));
        // A rewritten value's double quotes need no backslash in SQL: it reads back the same.
        Assert.Equal($"'{{\"to\":\"{Fake("a.b+c@mail.example.org")}\"}}'", Rewrite("'{\\\"to\\\":\\\"a.b+c@mail.example.org\\\"}'"));
        // Not addresses: no domain, no top-level domain, a DEFINER, an address that is already a fake.
        Assert.Null(Rewrite("'@home, me@localhost, root`@`localhost, x@1.2'"));
        Assert.Null(Rewrite($"'{Fake("jane@example.com")}'"));
    }

    [Fact]
    public void Serialized_php_keeps_its_byte_lengths_through_nested_strings_and_custom_payloads()
    {
        var nested = FullSchemaSanitizeTests.Serialize(("to", "deep@example.com"));
        var value = FullSchemaSanitizeTests.Serialize(("email", "jane@example.com"), ("note", "für jane@example.com, ok"), ("nested", nested));
        var custom = $"C:11:\"ArrayObject\":{Encoding.UTF8.GetByteCount(value)}:{{{value}}}";
        var literal = "'" + custom.Replace("\\", "\\\\").Replace("'", "\\'").Replace("\"", "\\\"") + "'";

        var rewritten = Rewrite(literal)!;
        var text = Regex.Unescape(rewritten[1..^1].Replace("\\\"", "\""));

        Assert.DoesNotContain("@example.com", text);
        Assert.Contains($"s:{Fake("jane@example.com").Length}:\"{Fake("jane@example.com")}\";", text);
        Assert.True(FullSchemaSanitizeTests.SerializedLengthsHold(text), text);
        var payload = Regex.Match(text, @"^C:11:""ArrayObject"":(\d+):\{(.*)\}$", RegexOptions.Singleline);
        Assert.Equal(int.Parse(payload.Groups[1].Value), Encoding.UTF8.GetByteCount(payload.Groups[2].Value));
    }

    [Fact]
    public void Malformed_serialized_text_and_hex_blobs_still_lose_their_addresses()
    {
        // s:99 does not end at its quote: not serialize()'s, so replaced as text.
        Assert.Equal($"'a:1:{{s:99:\"{Fake("jane@example.com")}\";}}'", Rewrite("'a:1:{s:99:\\\"jane@example.com\\\";}'"));
        var hex = "0x" + Convert.ToHexString(Encoding.UTF8.GetBytes("customer|jane@example.com"));
        Assert.Equal("0x" + Convert.ToHexString(Encoding.UTF8.GetBytes("customer|" + Fake("jane@example.com"))), Rewrite(hex)!.ToUpperInvariant().Replace("0X", "0x"));
    }

    private const string Unruled =
        "CREATE TABLE `vendor_contact` (\n" +
        "  `id` int(10) unsigned NOT NULL,\n" +
        "  `contact_email` varchar(255) DEFAULT NULL,\n" +
        "  `send_email` smallint(5) unsigned NOT NULL DEFAULT 0,\n" +
        "  `billing_telephone` varchar(255) DEFAULT NULL,\n" +
        "  `name` varchar(255) DEFAULT NULL,\n" +
        "  `payload` text DEFAULT NULL,\n" +
        "  `delivery_note` text DEFAULT NULL,\n" +
        "  `blob` blob DEFAULT NULL,\n" +
        "  PRIMARY KEY (`id`)\n" +
        ") ENGINE=InnoDB;\n";

    private static readonly string UnruledRow =
        $"INSERT INTO `vendor_contact` VALUES (1,'jane@example.com',1,'+43 660 1234567','Widgets Ltd','{{\\\"owner\\\":\\\"jane@example.com\\\"}}','ring twice',0x{Convert.ToHexString("mail jane@example.com"u8)});\n";

    [Fact]
    public void A_table_no_rule_names_is_sanitized_by_its_column_names_and_contents_and_reported()
    {
        var (output, report) = DumpText.Run(Encoding.UTF8.GetBytes(Unruled + UnruledRow));
        var text = Encoding.UTF8.GetString(output);

        Assert.DoesNotContain("jane@example.com", text);
        Assert.DoesNotContain("+43 660", text);
        Assert.DoesNotContain(Convert.ToHexString("jane@example.com"u8), text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(",1,", text); // the send_email flag is a number, not an address
        Assert.Contains("'Widgets Ltd'", text);
        Assert.Contains("'ring twice'", text);
        Assert.Equal(
            ["vendor_contact.billing_telephone (its name: sanitized as phone)", "vendor_contact.blob (1 email address replaced)",
             "vendor_contact.contact_email (its name: sanitized as email)",
             "vendor_contact.delivery_note (its name: free text that may be personal, NOT sanitized)", "vendor_contact.payload (1 email address replaced)"],
            report.Findings.Select(f => f.ToString()).Order());
        Assert.Contains("vendor_contact.contact_email", report.FindingsWarning);
        Assert.Contains(SanitizeRules.ProjectFile, report.FindingsWarning);
        Assert.Single(Regex.Matches(text, Regex.Escape(Fake("jane@example.com"))).Select(m => m.Value).Distinct());
    }

    [Theory]
    [InlineData("tables:\n  vendor_contact: {}\n")] // looked at: nothing personal
    [InlineData("tables:\n  vendor_*: {}\n")]
    public void A_table_the_rules_name_without_columns_is_left_alone(string yaml)
    {
        var dump = Encoding.UTF8.GetBytes(Unruled + UnruledRow);
        var (output, report) = DumpText.Run(dump, SanitizeRules.BuiltIn.Extend(SanitizeRules.Parse(yaml, "test.yaml")));

        Assert.True(dump.AsSpan().SequenceEqual(output));
        Assert.Empty(report.Findings);
        Assert.Null(report.FindingsWarning);
    }

    [Fact]
    public void Keep_rules_and_no_sanitizing_at_all_change_nothing()
    {
        var dump = Encoding.UTF8.GetBytes(Unruled + UnruledRow);
        var keep = SanitizeRules.Parse("tables:\n  vendor_contact:\n    columns:\n      contact_email: keep\n      billing_telephone: keep\n      payload: keep\n      blob: keep\n", "test.yaml");

        Assert.True(dump.AsSpan().SequenceEqual(DumpText.Run(dump, keep).Output));
        Assert.True(dump.AsSpan().SequenceEqual(DumpText.Run(dump, SanitizeRules.None).Output));
    }

    [Fact]
    public void Tables_of_customers_data_with_rules_are_searched_in_the_columns_their_rules_leave()
    {
        var dump = Encoding.UTF8.GetBytes(
            "CREATE TABLE `admin_user` (\n  `user_id` int(10) unsigned NOT NULL,\n  `email` varchar(128) DEFAULT NULL,\n  `extra` mediumtext DEFAULT NULL,\n" +
            "  PRIMARY KEY (`user_id`)\n) ENGINE=InnoDB;\n" +
            "INSERT INTO `admin_user` VALUES (1,'first@shop.example','{}'),(2,'ops@shop.example','{\\\"bookmark\\\":\\\"first@shop.example\\\"}');\n");

        var (output, report) = DumpText.Run(dump);
        var text = Encoding.UTF8.GetString(output);

        Assert.DoesNotContain("first@shop.example", text);
        var extra = Regex.Match(text, @"\(2,'[^']+','(.*)'\)").Groups[1].Value.Replace("\\\"", "\"");
        JsonDocument.Parse(extra).Dispose();
        Assert.Equal([("admin_user", "extra", 1L)], report.Findings.Select(f => (f.Table, f.Column, f.Values)));
    }

    [Fact]
    public void Rules_that_match_no_table_say_so_and_rules_that_match_one_do_not()
    {
        var tables = new[] { "customer_entity", "sales_order" };
        var none = SanitizeRules.BuiltIn.Extend(SanitizeRules.Parse("inherit: false\n", SanitizeRules.ProjectFile));

        Assert.Contains("inherit: false", none.MatchesNothing(tables, "production"));
        Assert.Null(SanitizeRules.BuiltIn.MatchesNothing(tables, "production"));
        Assert.Null(SanitizeRules.None.MatchesNothing(tables, "production"));
        Assert.Contains("No sanitizing rule matches any of the 1 tables",
            SanitizeRules.BuiltIn.Extend(SanitizeRules.Parse("inherit: false\ntables:\n  other: { truncate: true }\n", "x")).MatchesNothing(["customer_entity"], "production"));
    }

    [Theory]
    [InlineData("email", "Email")]
    [InlineData("customer_email", "Email")]
    [InlineData("contactEmail", "Email")]
    [InlineData("billing_firstname", "FirstName")]
    [InlineData("telephone", "Phone")]
    [InlineData("remote_ip", "Ip")]
    [InlineData("rp_token", "Token")]
    [InlineData("dest_zip", "Postcode")]
    [InlineData("name", null)]
    [InlineData("shipping_description", null)]
    [InlineData("ship", null)]
    public void Column_names_imply_their_action(string column, string? action)
    {
        Assert.Equal(action, PersonalColumns.Infer(column, DumpColumnKind.Text)?.Action.ToString());
    }
}
