using System.Text;
using System.Text.RegularExpressions;
using MagentoCloud.Engine;
using MagentoCloud.Engine.Data;

namespace MagentoCloud.Engine.Tests.Data;

public sealed class DumpSanitizerTests
{
    private const string CustomerTable =
        "CREATE TABLE `customer_entity` (\n" +
        "  `entity_id` int(10) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Entity ID',\n" +
        "  `website_id` smallint(5) unsigned DEFAULT NULL COMMENT 'Website ID',\n" +
        "  `email` varchar(255) DEFAULT NULL COMMENT 'Email',\n" +
        "  `created_in` varchar(255) DEFAULT NULL COMMENT 'Created From',\n" +
        "  `firstname` varchar(255) DEFAULT NULL COMMENT 'First Name',\n" +
        "  `lastname` varchar(255) DEFAULT NULL COMMENT 'Last Name',\n" +
        "  `dob` date DEFAULT NULL COMMENT 'Date of Birth',\n" +
        "  `password_hash` varchar(128) DEFAULT NULL COMMENT 'Password_hash',\n" +
        "  `gender` smallint(5) unsigned DEFAULT NULL COMMENT 'Gender',\n" +
        "  PRIMARY KEY (`entity_id`),\n" +
        "  UNIQUE KEY `CUSTOMER_ENTITY_EMAIL_WEBSITE_ID` (`email`,`website_id`)\n" +
        ") ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_general_ci COMMENT='Customer Entity';\n";

    /// <summary>A dump with everything a tokenizer can trip over, in tables no rule touches.</summary>
    internal static byte[] HostileDump(int bigRowBytes = 5 << 20)
    {
        var dump = new MemoryStream();
        void Text(string s) => dump.Write(Encoding.UTF8.GetBytes(s));
        Text("/*M!999999\\- enable the sandbox mode */ \n-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB\n");
        Text("/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n/*!40101 SET NAMES utf8mb4 */;\n\n");
        Text("DROP TABLE IF EXISTS `catalog_product_entity_text`;\n");
        Text("CREATE TABLE `catalog_product_entity_text` (\n  `value_id` int(11) NOT NULL AUTO_INCREMENT,\n" +
             "  `value` mediumtext DEFAULT NULL COMMENT 'it''s \"quoted\" */ here',\n  `blob` blob,\n  PRIMARY KEY (`value_id`)\n) ENGINE=InnoDB;\n");
        Text("LOCK TABLES `catalog_product_entity_text` WRITE;\n/*!40000 ALTER TABLE `catalog_product_entity_text` DISABLE KEYS */;\n");
        Text("INSERT INTO `catalog_product_entity_text` VALUES (1,'it\\'s a \\\\ backslash, a doubled '' quote; and ),( inside',NULL)," +
             "(2,'*/ ends no comment /* nor starts one; DEFINER=`root`@`localhost` stays',0x00FF10),(3,'Grüße, 日本語, emoji 🎉, ÿ',_binary '");
        dump.Write([0, 1, 2, 0x5c, 0x27, 0x27, 0x27, 0x80, 0xfe, 0xff, (byte)'(', (byte)')', (byte)';', (byte)',']); // raw binary with \' and ''
        Text("'),(4,'raw CRLF\r\ninside a string; and a bare \n newline',_binary ''),(5,'");
        var big = new byte[bigRowBytes];
        var random = new Random(5);
        for (var i = 0; i < big.Length; i++)
        {
            var b = (byte)random.Next(32, 127);
            big[i] = b is (byte)'\'' or (byte)'\\' or (byte)'@' ? (byte)'x' : b; // no '@': no address to find
        }
        dump.Write(big);
        Text("',-1.5e+10),(6,'',X'0A'),(7,'INSERT INTO `customer_entity` VALUES (1,2);',NULL);\n");
        Text("/*!40000 ALTER TABLE `catalog_product_entity_text` ENABLE KEYS */;\nUNLOCK TABLES;\n");
        // A routine body whose INSERT names a truncated table: it must stay as it is.
        Text("DELIMITER ;;\nCREATE PROCEDURE `p`()\nBEGIN\nINSERT INTO `session` VALUES ('x',1);\nEND ;;\nDELIMITER ;\n");
        Text("INSERT INTO `no_structure_and_no_rules` VALUES (1,'a'),(2,'b');\n");
        Text("-- Dump completed on 2026-01-01  0:00:00\n");
        return dump.ToArray();
    }

    [Fact]
    public void Hostile_dump_passes_through_byte_exact_where_no_rule_applies()
    {
        var dump = HostileDump();
        var (output, report) = DumpText.Run(dump);
        Assert.Equal(dump.Length, output.Length);
        Assert.True(dump.AsSpan().SequenceEqual(output), "the output differs from the input");
        Assert.Equal(7, report.Tables.Single(t => t.Table == "catalog_product_entity_text").Rows);
        Assert.Equal(2, report.Tables.Single(t => t.Table == "no_structure_and_no_rules").Rows);
        Assert.Equal(dump.Length, report.BytesRead);
        Assert.Equal(dump.Length, report.BytesWritten);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(0)] // random sizes
    public void Reads_of_any_size_give_the_same_output(int size)
    {
        var dump = Encoding.UTF8.GetBytes(CustomerTable +
            "INSERT INTO `customer_entity` VALUES (1,1,'Jane.Doe@Example.com','Default \\'Store\\' View','Jane','O\\'Doe','1980-02-03','abc:def:1',2)," +
            "(2,1,'john@example.com','x','John','Smith',NULL,'',NULL);\n" +
            "/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER t AFTER INSERT ON x FOR EACH ROW SET @a=1 */;;\n" +
            "INSERT INTO `session` VALUES ('abc',1,'data');\n")
            .Concat(HostileDump(bigRowBytes: 300_000)).ToArray();
        var (whole, _) = DumpText.Run(dump);
        var random = new Random(size);
        var (chunked, _) = DumpText.Run(dump, readSize: size == 0 ? () => random.Next(1, 70_000) : () => size);
        Assert.True(whole.AsSpan().SequenceEqual(chunked), $"reads of {(size == 0 ? "random" : size)} bytes changed the output");
        Assert.DoesNotContain("Jane.Doe", Encoding.UTF8.GetString(chunked));
    }

    [Fact]
    public void Customer_columns_are_replaced_and_other_columns_stay_exact()
    {
        var output = DumpText.RunText(CustomerTable +
            "INSERT INTO `customer_entity` VALUES (1,1,'Jane.Doe@Example.com','Default \\'Store\\' View; ),(','Jane','O\\'Doe','1980-02-03','abc:def:1',2)," +
            "(2,1,'',NULL,NULL,'Smith',NULL,'',NULL);\n");
        var insert = output.Split('\n').Single(l => l.StartsWith("INSERT"));
        var expected = new Regex(
            @"^INSERT INTO `customer_entity` VALUES \(1,1,'u[0-9a-f]{20}@example\.invalid','Default \\'Store\\' View; \),\(','[A-Z][a-z]+','[A-Z][a-z]+','\d{4}-\d\d-\d\d','[0-9a-f]{64}:magentocloudsanitizedpasswordslt:1',NULL\)," +
            @"\(2,1,'',NULL,NULL,'[A-Z][a-z]+',NULL,'',NULL\);$");
        Assert.Matches(expected, insert);
        Assert.StartsWith(CustomerTable, output);
    }

    [Fact]
    public void Every_rule_kind_writes_a_valid_value_of_its_kind()
    {
        var rules = SanitizeRules.Parse("""
            tables:
              every_kind:
                columns:
                  c_email: email
                  c_name: name
                  c_first: firstname
                  c_last: lastname
                  c_user: username
                  c_street: street
                  c_city: city
                  c_post: postcode
                  c_phone: phone
                  c_ip: ip
                  c_ip_long: ip
                  c_date: date
                  c_datetime: date
                  c_text: text
                  c_null: null
                  c_null_required: null
                  c_empty: empty
                  c_hash: hash
                  c_token: token
                  c_keep: keep
                  c_fixed: { fixed: "it's \\ fixed" }
            """, "test.yaml");
        var columns = new[]
        {
            ("c_email", "varchar(255)"), ("c_name", "varchar(255)"), ("c_first", "varchar(255)"), ("c_last", "varchar(255)"),
            ("c_user", "varchar(40)"), ("c_street", "text"), ("c_city", "varchar(255)"), ("c_post", "varchar(20)"),
            ("c_phone", "varchar(255)"), ("c_ip", "varchar(45)"), ("c_ip_long", "bigint(20)"), ("c_date", "date"),
            ("c_datetime", "datetime"), ("c_text", "text"), ("c_null", "varchar(10)"), ("c_null_required", "varchar(10) NOT NULL"),
            ("c_empty", "varchar(10)"), ("c_hash", "varchar(128)"), ("c_token", "varchar(128)"), ("c_keep", "varchar(10)"),
            ("c_fixed", "varchar(30)"),
        };
        var create = "CREATE TABLE `every_kind` (\n" + string.Concat(columns.Select(c => $"  `{c.Item1}` {c.Item2},\n")) + "  PRIMARY KEY (`c_email`)\n) ENGINE=InnoDB;\n";
        var output = DumpText.RunText(create +
            "INSERT INTO `every_kind` VALUES ('a@b.c','Ann Lee','Ann','Lee','annlee','1 Real Rd','Realtown','12345','+49 30 1234','10.1.2.3',167838211," +
            "'1970-01-01','1970-01-01 10:00:00','secret note','x','y','z','$argon$hash','tok','kept','f');\n", rules);
        var values = Regex.Match(output, @"VALUES \((.*)\);").Groups[1].Value;
        var expected = string.Join(",",
            @"'u[0-9a-f]{20}@example\.invalid'", "'[A-Z][a-z]+ [A-Z][a-z]+'", "'[A-Z][a-z]+'", "'[A-Z][a-z]+'", "'user[0-9a-f]{16}'",
            "'[0-9]{1,3} [A-Z][a-z]+ [A-Z][a-z]+'", "'[A-Z][a-z ]+'", "'[0-9]{5}'", @"'\+1-555-01[0-9]{2}-[0-9]{4}'",
            @"'(192\.0\.2|198\.51\.100|203\.0\.113)\.[0-9]{1,3}'", "(3221225[0-9]{3}|3325256[0-9]{3}|3405803[0-9]{3})",
            "'(19[5-9][0-9]|200[0-4])-[01][0-9]-[0-3][0-9]'", "'(19[5-9][0-9]|200[0-4])-[01][0-9]-[0-3][0-9] 00:00:00'",
            "'Sanitized text [0-9a-f]{12}'", "NULL", "''", "''", "'[0-9a-f]{64}:magentocloudsanitizedpasswordslt:1'", "'[0-9a-f]{32}'",
            "'kept'", @"'it\\'s \\\\ fixed'");
        Assert.Matches("^" + expected + "$", values);
    }

    [Fact]
    public void The_same_email_becomes_the_same_fake_in_every_table_and_different_emails_stay_different()
    {
        var dump = CustomerTable +
            "INSERT INTO `customer_entity` VALUES (1,1,'Jane.Doe@Example.com',NULL,'Jane','Doe',NULL,NULL,NULL),(2,1,'john@example.com',NULL,'John','Roe',NULL,NULL,NULL);\n" +
            "CREATE TABLE `quote` (\n  `entity_id` int(10) unsigned NOT NULL,\n  `customer_email` varchar(255) DEFAULT NULL\n) ENGINE=InnoDB;\n" +
            "INSERT INTO `quote` VALUES (7,'jane.doe@example.com'),(8,'john@example.com');\n" +
            "CREATE TABLE `sales_order` (\n  `entity_id` int(10) unsigned NOT NULL,\n  `customer_email` varchar(128) DEFAULT NULL\n) ENGINE=InnoDB;\n" +
            "INSERT INTO `sales_order` VALUES (9,'JANE.DOE@EXAMPLE.COM');\n" +
            "CREATE TABLE `sales_order_grid` (\n  `entity_id` int(10) unsigned NOT NULL,\n  `customer_email` varchar(128) DEFAULT NULL\n) ENGINE=InnoDB;\n" +
            "INSERT INTO `sales_order_grid` VALUES (9,'Jane.Doe@Example.com');\n";
        var output = DumpText.RunText(dump);
        var fakes = Regex.Matches(output, @"u[0-9a-f]{20}@example\.invalid").Select(m => m.Value).ToList();
        Assert.Equal(6, fakes.Count);
        var jane = fakes[0];
        Assert.Equal([jane, fakes[1], jane, fakes[1], jane, jane], fakes);
        Assert.NotEqual(jane, fakes[1]);

        // Another copy's key gives other fakes: the mapping cannot be replayed without the key.
        var other = Encoding.UTF8.GetString(DumpText.Run(Encoding.UTF8.GetBytes(dump), key: DumpSanitizer.NewKey()).Output);
        Assert.DoesNotContain(jane, other);
    }

    [Fact]
    public void Truncated_and_structure_only_tables_keep_their_structure_and_lose_their_rows()
    {
        var output = DumpText.RunText(
            "CREATE TABLE `session` (\n  `session_id` varchar(255) NOT NULL\n) ENGINE=InnoDB;\n" +
            "LOCK TABLES `session` WRITE;\nINSERT INTO `session` VALUES ('a;b'),('c');\nINSERT INTO `session` VALUES ('d');\nUNLOCK TABLES;\n" +
            "CREATE TABLE `tfa_country_codes` (\n  `code` varchar(2) NOT NULL\n) ENGINE=InnoDB;\nINSERT INTO `tfa_country_codes` VALUES ('DE');\n" +
            "CREATE TABLE `tfa_user_config` (\n  `user_id` int NOT NULL\n) ENGINE=InnoDB;\nINSERT INTO `tfa_user_config` VALUES (1);\n" +
            "CREATE TABLE `search_query` (\n  `query_text` varchar(255)\n) ENGINE=InnoDB;\nINSERT INTO `search_query` VALUES ('q');\n",
            options: new DumpSanitizerOptions { StructureOnlyTables = new HashSet<string> { "search_query" } });
        Assert.Equal(
            "CREATE TABLE `session` (\n  `session_id` varchar(255) NOT NULL\n) ENGINE=InnoDB;\n" +
            "LOCK TABLES `session` WRITE;\nUNLOCK TABLES;\n" +
            "CREATE TABLE `tfa_country_codes` (\n  `code` varchar(2) NOT NULL\n) ENGINE=InnoDB;\nINSERT INTO `tfa_country_codes` VALUES ('DE');\n" +
            "CREATE TABLE `tfa_user_config` (\n  `user_id` int NOT NULL\n) ENGINE=InnoDB;\n" +
            "CREATE TABLE `search_query` (\n  `query_text` varchar(255)\n) ENGINE=InnoDB;\n",
            output);
    }

    [Fact]
    public void Report_counts_rows_sanitized_columns_and_truncated_tables()
    {
        var (_, report) = DumpText.Run(Encoding.UTF8.GetBytes(CustomerTable +
            "INSERT INTO `customer_entity` VALUES (1,1,'a@b.c',NULL,'A','B',NULL,'h',1),(2,1,'c@d.e',NULL,'C','D',NULL,'h',NULL);\n" +
            "INSERT INTO `customer_entity` VALUES (3,1,'e@f.g',NULL,NULL,NULL,NULL,NULL,NULL);\n" +
            "CREATE TABLE `session` (\n  `id` int\n) ENGINE=InnoDB;\nINSERT INTO `session` VALUES (1),(2);\n"));
        var customers = report.Tables.Single(t => t.Table == "customer_entity");
        Assert.Equal(3, customers.Rows);
        Assert.Equal(["dob", "email", "firstname", "gender", "lastname", "password_hash"], customers.SanitizedColumns);
        Assert.Equal(3 + 2 + 2 + 2 + 1, customers.SanitizedValues);
        Assert.Equal(["session"], report.TruncatedTables);
        Assert.Equal(2, report.Tables.Single(t => t.Table == "session").Rows);
        Assert.Equal(5, report.Rows);
    }

    [Fact]
    public void Definers_of_triggers_views_routines_and_events_become_current_user()
    {
        var dump =
            "DELIMITER ;;\n" +
            "/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `trg_a` AFTER INSERT ON `t` FOR EACH ROW SET @x = 1 */;;\n" +
            "DELIMITER ;\n" +
            "/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=`app``user`@`%` SQL SECURITY DEFINER */\n/*!50001 VIEW `v` AS select 1 AS `a` */;\n" +
            "DELIMITER ;;\nCREATE DEFINER='ops'@'10.0.0.%' PROCEDURE `p`()\nBEGIN\nSELECT 1;\nEND ;;\n" +
            "/*!50106 CREATE*/ /*!50117 DEFINER=u@h*/ /*!50106 EVENT `e` ON SCHEDULE EVERY 1 DAY DO SELECT 1 */ ;;\n" +
            "CREATE DEFINER=CURRENT_USER FUNCTION `f`() RETURNS int RETURN 1 ;;\nDELIMITER ;\n";
        var (output, report) = DumpText.Run(Encoding.UTF8.GetBytes(dump));
        var text = Encoding.UTF8.GetString(output);
        Assert.Equal(
            "DELIMITER ;;\n" +
            "/*!50003 CREATE*/ /*!50017 DEFINER=CURRENT_USER*/ /*!50003 TRIGGER `trg_a` AFTER INSERT ON `t` FOR EACH ROW SET @x = 1 */;;\n" +
            "DELIMITER ;\n" +
            "/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=CURRENT_USER SQL SECURITY DEFINER */\n/*!50001 VIEW `v` AS select 1 AS `a` */;\n" +
            "DELIMITER ;;\nCREATE DEFINER=CURRENT_USER PROCEDURE `p`()\nBEGIN\nSELECT 1;\nEND ;;\n" +
            "/*!50106 CREATE*/ /*!50117 DEFINER=CURRENT_USER*/ /*!50106 EVENT `e` ON SCHEDULE EVERY 1 DAY DO SELECT 1 */ ;;\n" +
            "CREATE DEFINER=CURRENT_USER FUNCTION `f`() RETURNS int RETURN 1 ;;\nDELIMITER ;\n",
            text);
        Assert.Equal(4, report.DefinersRewritten);
    }

    private const string AdminUsers =
        "CREATE TABLE `admin_user` (\n  `user_id` int(10) unsigned NOT NULL AUTO_INCREMENT,\n  `firstname` varchar(32) DEFAULT NULL,\n" +
        "  `lastname` varchar(32) DEFAULT NULL,\n  `email` varchar(128) DEFAULT NULL,\n  `username` varchar(40) DEFAULT NULL,\n" +
        "  `password` varchar(255) NOT NULL,\n  `is_active` smallint(6) NOT NULL DEFAULT 1,\n  PRIMARY KEY (`user_id`)\n) ENGINE=InnoDB;\n" +
        "INSERT INTO `admin_user` VALUES (1,'Ada','Lovelace','ada@shop.example','ada.admin','$argon2id$secret',1),(2,'Bob','Builder','bob@shop.example','bob','x:y:1',1);\n";

    [Fact]
    public void First_admin_stays_usable_and_the_others_are_anonymized()
    {
        var output = DumpText.RunText(AdminUsers);
        var values = Regex.Match(output, @"VALUES (.*);").Groups[1].Value;
        var hash = Regex.Escape(SanitizedPassword.MagentoHash);
        Assert.Matches($@"^\(1,'Admin','Sanitized','admin@example\.invalid','ada\.admin','{hash}',1\),\(2,'[A-Z][a-z]+','[A-Z][a-z]+','u[0-9a-f]{{20}}@example\.invalid','user[0-9a-f]{{16}}','{hash}',1\)$", values);
    }

    [Fact]
    public void User_roles_take_their_admins_fake_username_the_usable_admins_its_own_and_group_roles_keep_their_names()
    {
        var output = DumpText.RunText(AdminUsers +
            "CREATE TABLE `authorization_role` (\n  `role_id` int(10) unsigned NOT NULL AUTO_INCREMENT,\n  `parent_id` int(10) unsigned NOT NULL DEFAULT 0,\n" +
            "  `tree_level` smallint(5) unsigned NOT NULL DEFAULT 0,\n  `sort_order` smallint(5) unsigned NOT NULL DEFAULT 0,\n" +
            "  `role_type` varchar(1) NOT NULL DEFAULT '0',\n  `user_id` int(10) unsigned NOT NULL DEFAULT 0,\n" +
            "  `user_type` varchar(16) DEFAULT NULL,\n  `role_name` varchar(50) DEFAULT NULL,\n  PRIMARY KEY (`role_id`)\n) ENGINE=InnoDB;\n" +
            "INSERT INTO `authorization_role` VALUES (1,0,1,1,'G',0,'2','Administrators'),(2,1,2,0,'U',2,'2','bob'),(3,1,2,0,'U',1,'2','ada.admin')," +
            "(4,0,1,1,'G',0,'2','bob');\n");
        var username = Regex.Match(output, @"'(user[0-9a-f]{16})'").Groups[1].Value;
        var roles = Regex.Match(output, @"INSERT INTO `authorization_role` VALUES (.*);").Groups[1].Value;
        Assert.Equal($"(1,0,1,1,'G',0,'2','Administrators'),(2,1,2,0,'U',2,'2','{username}'),(3,1,2,0,'U',1,'2','ada.admin'),(4,0,1,1,'G',0,'2','bob')", roles);
    }

    [Fact]
    public void Documented_password_hash_is_magentos_sha256_form_of_the_documented_password()
    {
        var parts = SanitizedPassword.MagentoHash.Split(':');
        Assert.Equal("1", parts[2]);
        var expected = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(parts[1] + "Sanitized-Passw0rd"))).ToLowerInvariant();
        Assert.Equal(expected, parts[0]);
    }

    [Fact]
    public void A_dump_cut_off_inside_an_insert_is_refused_without_writing_the_unfinished_values()
    {
        var dump = Encoding.UTF8.GetBytes(CustomerTable + "INSERT INTO `customer_entity` VALUES (1,1,'jane@exam");
        var sanitizer = new DumpSanitizer(SanitizeRules.BuiltIn, DumpText.Key);
        var output = new MemoryStream();
        var error = Assert.Throws<CloudException>(() => sanitizer.Sanitize(new MemoryStream(dump), output));
        Assert.Equal(CloudErrorId.DumpIncomplete, error.Id);
        Assert.DoesNotContain("jane", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Rows_of_a_sanitized_table_without_its_structure_are_refused()
    {
        var error = Assert.Throws<CloudException>(() => DumpText.RunText("INSERT INTO `customer_entity` VALUES (1,1,'jane@example.com');\n"));
        Assert.Equal(CloudErrorId.DumpInvalid, error.Id);
        Assert.Contains("--complete-insert", error.Message);
    }

    [Fact]
    public void Complete_inserts_with_column_lists_are_sanitized_by_name()
    {
        var output = DumpText.RunText("INSERT INTO `customer_entity` (`entity_id`, `email`) VALUES (1,'jane@example.com'),(2,NULL);\n");
        Assert.Matches(@"^INSERT INTO `customer_entity` \(`entity_id`, `email`\) VALUES \(1,'u[0-9a-f]{20}@example\.invalid'\),\(2,NULL\);\n$", output);
    }

    [Fact]
    public void Table_prefix_is_ignored_when_matching_rules()
    {
        var output = DumpText.RunText(
            "CREATE TABLE `m2_session` (\n  `id` int\n) ENGINE=InnoDB;\nINSERT INTO `m2_session` VALUES (1);\n",
            options: new DumpSanitizerOptions { TablePrefix = "m2_" });
        Assert.DoesNotContain("INSERT", output);
    }

    [Fact]
    public void A_value_larger_than_the_buffer_is_replaced_whole()
    {
        var huge = new string('x', 3 << 20);
        var dump = "CREATE TABLE `customer_entity_text` (\n  `value_id` int NOT NULL,\n  `value` text\n) ENGINE=InnoDB;\n" +
                   $"INSERT INTO `customer_entity_text` VALUES (1,'{huge}'),(2,'short');\n";
        var random = new Random(3);
        var (output, _) = DumpText.Run(Encoding.UTF8.GetBytes(dump), options: new DumpSanitizerOptions { BufferSize = 4096 }, readSize: () => random.Next(1, 100_000));
        Assert.Matches(@"VALUES \(1,'Sanitized text [0-9a-f]{12}'\),\(2,'Sanitized text [0-9a-f]{12}'\);\n$", Encoding.UTF8.GetString(output));
    }

    [Fact]
    public async Task Async_sanitizing_gives_the_same_bytes()
    {
        var dump = HostileDump(bigRowBytes: 1000);
        var output = new MemoryStream();
        await new DumpSanitizer(SanitizeRules.BuiltIn, DumpText.Key).SanitizeAsync(new MemoryStream(dump), output);
        Assert.Equal(dump, output.ToArray());
    }
}
