using System.Diagnostics;
using MagentoCloud.Engine;
using MagentoCloud.Engine.Data;
using MySqlConnector;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>A real MariaDB database, dumped with mariadb-dump, sanitized on the way, imported with the mariadb client.</summary>
public sealed class SanitizedCopyTests : IAsyncLifetime
{
    private readonly string _local = Directory.CreateTempSubdirectory("mc-sanitize-").FullName;
    private LocalDatabaseServer _server = null!;
    private DatabaseEndpoint _source = null!;
    private DatabaseEndpoint _destination = null!;

    // Personal data of the source: none of it may be found in the destination.
    internal static readonly string[] Personal =
    [
        "wilhelmina.quartz@mailbox.example", "Wilhelmina", "Quartzfeld", "Zirkelgasse 17", "+43 660 7788991", "10.20.30.40",
        "Innsbruckhausen", "Bartholomew", "Oakenshield-Smythe", "bart.o@provider.example", "Kettlewell Row 9", "+44 20 7946 0958",
        "172.16.99.7", "Thornbury-on-Sea", "ada.admin@shop.example", "Ada", "Lovelace", "call me after 6pm", "Grumpy reviewer",
        "bob.ops@shop.example", "Bobbington", "bob.ops",
    ];

    internal const string Schema = """
        CREATE TABLE `customer_entity` (
          `entity_id` int(10) unsigned NOT NULL AUTO_INCREMENT, `website_id` smallint(5) unsigned DEFAULT NULL,
          `email` varchar(255) DEFAULT NULL, `group_id` smallint(5) unsigned NOT NULL DEFAULT 0, `increment_id` varchar(50) DEFAULT NULL,
          `store_id` smallint(5) unsigned DEFAULT 0, `created_at` timestamp NOT NULL DEFAULT current_timestamp(),
          `updated_at` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
          `is_active` smallint(5) unsigned NOT NULL DEFAULT 1, `disable_auto_group_change` smallint(5) unsigned NOT NULL DEFAULT 0,
          `created_in` varchar(255) DEFAULT NULL, `prefix` varchar(40) DEFAULT NULL, `firstname` varchar(255) DEFAULT NULL,
          `middlename` varchar(255) DEFAULT NULL, `lastname` varchar(255) DEFAULT NULL, `suffix` varchar(40) DEFAULT NULL,
          `dob` date DEFAULT NULL, `password_hash` varchar(128) DEFAULT NULL, `rp_token` varchar(128) DEFAULT NULL,
          `rp_token_created_at` datetime DEFAULT NULL, `default_billing` int(10) unsigned DEFAULT NULL,
          `default_shipping` int(10) unsigned DEFAULT NULL, `taxvat` varchar(50) DEFAULT NULL, `confirmation` varchar(64) DEFAULT NULL,
          `gender` smallint(5) unsigned DEFAULT NULL, `failures_num` smallint(6) DEFAULT 0, `first_failure` timestamp NULL DEFAULT NULL,
          `lock_expires` timestamp NULL DEFAULT NULL, `session_cutoff` timestamp NULL DEFAULT NULL,
          PRIMARY KEY (`entity_id`), UNIQUE KEY `CUSTOMER_ENTITY_EMAIL_WEBSITE_ID` (`email`,`website_id`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3 COMMENT='Customer Entity';
        CREATE TABLE `customer_entity_varchar` (
          `value_id` int(11) NOT NULL AUTO_INCREMENT, `attribute_id` smallint(5) unsigned NOT NULL DEFAULT 0,
          `entity_id` int(10) unsigned NOT NULL DEFAULT 0, `value` varchar(255) DEFAULT NULL, PRIMARY KEY (`value_id`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE `customer_address_entity` (
          `entity_id` int(10) unsigned NOT NULL AUTO_INCREMENT, `increment_id` varchar(50) DEFAULT NULL, `parent_id` int(10) unsigned DEFAULT NULL,
          `created_at` timestamp NOT NULL DEFAULT current_timestamp(), `updated_at` timestamp NOT NULL DEFAULT current_timestamp(),
          `is_active` smallint(5) unsigned NOT NULL DEFAULT 1, `city` varchar(255) NOT NULL, `company` varchar(255) DEFAULT NULL,
          `country_id` varchar(255) NOT NULL, `fax` varchar(255) DEFAULT NULL, `firstname` varchar(255) NOT NULL, `lastname` varchar(255) NOT NULL,
          `middlename` varchar(255) DEFAULT NULL, `postcode` varchar(255) DEFAULT NULL, `prefix` varchar(40) DEFAULT NULL,
          `region` varchar(255) DEFAULT NULL, `region_id` int(10) unsigned DEFAULT NULL, `street` text NOT NULL, `suffix` varchar(40) DEFAULT NULL,
          `telephone` varchar(255) NOT NULL, `vat_id` varchar(255) DEFAULT NULL, `vat_is_valid` int(10) unsigned DEFAULT NULL,
          `vat_request_date` varchar(255) DEFAULT NULL, `vat_request_id` varchar(255) DEFAULT NULL, `vat_request_success` int(10) unsigned DEFAULT NULL,
          PRIMARY KEY (`entity_id`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE `customer_grid_flat` (
          `entity_id` int(10) unsigned NOT NULL, `name` text DEFAULT NULL, `email` varchar(255) DEFAULT NULL, `group_id` int(11) DEFAULT NULL,
          `created_at` timestamp NULL DEFAULT NULL, `website_id` int(11) DEFAULT NULL, `confirmation` varchar(255) DEFAULT NULL,
          `created_in` text DEFAULT NULL, `dob` date DEFAULT NULL, `gender` int(11) DEFAULT NULL, `taxvat` varchar(255) DEFAULT NULL,
          `lock_expires` timestamp NULL DEFAULT NULL, `shipping_full` text DEFAULT NULL, `billing_full` text DEFAULT NULL,
          `billing_firstname` varchar(255) DEFAULT NULL, `billing_lastname` varchar(255) DEFAULT NULL, `billing_telephone` varchar(255) DEFAULT NULL,
          `billing_postcode` varchar(255) DEFAULT NULL, `billing_country_id` varchar(255) DEFAULT NULL, `billing_region` varchar(255) DEFAULT NULL,
          `billing_region_id` int(11) DEFAULT NULL, `billing_street` varchar(255) DEFAULT NULL, `billing_city` varchar(255) DEFAULT NULL,
          `billing_fax` varchar(255) DEFAULT NULL, `billing_vat_id` varchar(255) DEFAULT NULL, `billing_company` varchar(255) DEFAULT NULL,
          PRIMARY KEY (`entity_id`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE `quote` (
          `entity_id` int(10) unsigned NOT NULL AUTO_INCREMENT, `store_id` smallint(5) unsigned NOT NULL DEFAULT 0,
          `created_at` timestamp NOT NULL DEFAULT current_timestamp(), `is_active` smallint(5) unsigned DEFAULT 1,
          `grand_total` decimal(20,4) DEFAULT 0.0000, `customer_id` int(10) unsigned DEFAULT NULL, `customer_email` varchar(255) DEFAULT NULL,
          `customer_prefix` varchar(40) DEFAULT NULL, `customer_firstname` varchar(255) DEFAULT NULL, `customer_middlename` varchar(40) DEFAULT NULL,
          `customer_lastname` varchar(255) DEFAULT NULL, `customer_suffix` varchar(40) DEFAULT NULL, `customer_dob` datetime DEFAULT NULL,
          `customer_note` text DEFAULT NULL, `remote_ip` varchar(45) DEFAULT NULL, `customer_taxvat` varchar(255) DEFAULT NULL,
          `password_hash` varchar(255) DEFAULT NULL, `customer_gender` varchar(255) DEFAULT NULL, PRIMARY KEY (`entity_id`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE `sales_order` (
          `entity_id` int(10) unsigned NOT NULL AUTO_INCREMENT, `state` varchar(32) DEFAULT NULL, `status` varchar(32) DEFAULT NULL,
          `increment_id` varchar(32) DEFAULT NULL, `grand_total` decimal(20,4) DEFAULT NULL, `customer_id` int(10) unsigned DEFAULT NULL,
          `customer_email` varchar(128) DEFAULT NULL, `customer_firstname` varchar(128) DEFAULT NULL, `customer_lastname` varchar(128) DEFAULT NULL,
          `customer_middlename` varchar(128) DEFAULT NULL, `customer_prefix` varchar(32) DEFAULT NULL, `customer_suffix` varchar(32) DEFAULT NULL,
          `customer_dob` datetime DEFAULT NULL, `customer_taxvat` varchar(32) DEFAULT NULL, `customer_note` text DEFAULT NULL,
          `remote_ip` varchar(45) DEFAULT NULL, `x_forwarded_for` varchar(255) DEFAULT NULL, `customer_gender` int(11) DEFAULT NULL,
          `created_at` timestamp NOT NULL DEFAULT current_timestamp(), PRIMARY KEY (`entity_id`), UNIQUE KEY `SALES_ORDER_INCREMENT_ID` (`increment_id`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE `sales_order_address` (
          `entity_id` int(10) unsigned NOT NULL AUTO_INCREMENT, `parent_id` int(10) unsigned DEFAULT NULL, `customer_address_id` int(11) DEFAULT NULL,
          `region_id` int(11) DEFAULT NULL, `fax` varchar(255) DEFAULT NULL, `region` varchar(255) DEFAULT NULL, `postcode` varchar(255) DEFAULT NULL,
          `lastname` varchar(255) DEFAULT NULL, `street` varchar(255) DEFAULT NULL, `city` varchar(255) DEFAULT NULL, `email` varchar(255) DEFAULT NULL,
          `telephone` varchar(255) DEFAULT NULL, `country_id` varchar(2) DEFAULT NULL, `firstname` varchar(255) DEFAULT NULL,
          `address_type` varchar(255) DEFAULT NULL, `prefix` varchar(255) DEFAULT NULL, `middlename` varchar(255) DEFAULT NULL,
          `suffix` varchar(255) DEFAULT NULL, `company` varchar(255) DEFAULT NULL, `vat_id` text DEFAULT NULL, PRIMARY KEY (`entity_id`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE `sales_order_grid` (
          `entity_id` int(10) unsigned NOT NULL, `status` varchar(32) DEFAULT NULL, `increment_id` varchar(50) DEFAULT NULL,
          `billing_name` varchar(255) DEFAULT NULL, `shipping_name` varchar(255) DEFAULT NULL, `customer_email` varchar(255) DEFAULT NULL,
          `customer_name` varchar(255) DEFAULT NULL, `billing_address` varchar(255) DEFAULT NULL, `shipping_address` varchar(255) DEFAULT NULL,
          `grand_total` decimal(20,4) DEFAULT NULL, PRIMARY KEY (`entity_id`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE `sales_order_status_history` (
          `entity_id` int(10) unsigned NOT NULL AUTO_INCREMENT, `parent_id` int(10) unsigned NOT NULL, `comment` text DEFAULT NULL,
          `status` varchar(32) DEFAULT NULL, `entity_name` varchar(32) DEFAULT NULL, PRIMARY KEY (`entity_id`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE `newsletter_subscriber` (
          `subscriber_id` int(10) unsigned NOT NULL AUTO_INCREMENT, `store_id` smallint(5) unsigned DEFAULT 0,
          `change_status_at` timestamp NULL DEFAULT NULL, `customer_id` int(10) unsigned NOT NULL DEFAULT 0,
          `subscriber_email` varchar(150) DEFAULT NULL, `subscriber_status` int(11) NOT NULL DEFAULT 0,
          `subscriber_confirm_code` varchar(32) DEFAULT 'NULL', PRIMARY KEY (`subscriber_id`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE `review_detail` (
          `detail_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT, `review_id` bigint(20) unsigned NOT NULL DEFAULT 0,
          `store_id` smallint(5) unsigned DEFAULT 0, `title` varchar(255) NOT NULL, `detail` text NOT NULL, `nickname` varchar(128) NOT NULL,
          `customer_id` int(10) unsigned DEFAULT NULL, PRIMARY KEY (`detail_id`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE `rating_option_vote` (
          `vote_id` bigint(20) unsigned NOT NULL AUTO_INCREMENT, `option_id` int(10) unsigned NOT NULL DEFAULT 0,
          `remote_ip` varchar(16) NOT NULL, `remote_ip_long` bigint(20) NOT NULL DEFAULT 0, `customer_id` int(10) unsigned DEFAULT 0,
          `entity_pk_value` bigint(20) unsigned NOT NULL DEFAULT 0, `rating_id` smallint(5) unsigned NOT NULL DEFAULT 0,
          `review_id` bigint(20) unsigned DEFAULT NULL, `percent` smallint(6) NOT NULL DEFAULT 0, `value` smallint(6) NOT NULL DEFAULT 0,
          PRIMARY KEY (`vote_id`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE `admin_user` (
          `user_id` int(10) unsigned NOT NULL AUTO_INCREMENT, `firstname` varchar(32) DEFAULT NULL, `lastname` varchar(32) DEFAULT NULL,
          `email` varchar(128) DEFAULT NULL, `username` varchar(40) DEFAULT NULL, `password` varchar(255) NOT NULL,
          `created` timestamp NOT NULL DEFAULT current_timestamp(), `modified` timestamp NOT NULL DEFAULT current_timestamp(),
          `logdate` timestamp NULL DEFAULT NULL, `lognum` smallint(5) unsigned NOT NULL DEFAULT 0, `reload_acl_flag` smallint(6) NOT NULL DEFAULT 0,
          `is_active` smallint(6) NOT NULL DEFAULT 1, `extra` mediumtext DEFAULT NULL, `rp_token` text DEFAULT NULL,
          `rp_token_created_at` timestamp NULL DEFAULT NULL, `interface_locale` varchar(16) NOT NULL DEFAULT 'en_US',
          `failures_num` smallint(6) DEFAULT 0, `first_failure` timestamp NULL DEFAULT NULL, `lock_expires` timestamp NULL DEFAULT NULL,
          PRIMARY KEY (`user_id`), UNIQUE KEY `ADMIN_USER_USERNAME` (`username`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE `authorization_role` (
          `role_id` int(10) unsigned NOT NULL AUTO_INCREMENT, `parent_id` int(10) unsigned NOT NULL DEFAULT 0,
          `tree_level` smallint(5) unsigned NOT NULL DEFAULT 0, `sort_order` smallint(5) unsigned NOT NULL DEFAULT 0,
          `role_type` varchar(1) NOT NULL DEFAULT '0', `user_id` int(10) unsigned NOT NULL DEFAULT 0, `user_type` varchar(16) DEFAULT NULL,
          `role_name` varchar(50) DEFAULT NULL, PRIMARY KEY (`role_id`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE `session` (
          `session_id` varchar(255) NOT NULL, `session_expires` int(10) unsigned NOT NULL DEFAULT 0, `session_data` mediumblob NOT NULL,
          PRIMARY KEY (`session_id`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE `catalog_product_entity_text` (
          `value_id` int(11) NOT NULL AUTO_INCREMENT, `attribute_id` smallint(5) unsigned NOT NULL DEFAULT 0, `store_id` smallint(5) unsigned NOT NULL DEFAULT 0,
          `entity_id` int(10) unsigned NOT NULL DEFAULT 0, `value` mediumtext DEFAULT NULL, `image` blob DEFAULT NULL, PRIMARY KEY (`value_id`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
        CREATE TABLE `audit` (`id` int NOT NULL AUTO_INCREMENT, `what` varchar(64), PRIMARY KEY (`id`)) ENGINE=InnoDB;
        CREATE DEFINER=`ghost`@`nowhere` TRIGGER `customer_entity_audit` AFTER INSERT ON `customer_entity` FOR EACH ROW INSERT INTO `audit` (`what`) VALUES ('customer');
        CREATE DEFINER=`ghost`@`nowhere` VIEW `order_emails` AS SELECT `increment_id`, `customer_email` FROM `sales_order`;
        CREATE DEFINER=`ghost`@`nowhere` PROCEDURE `purge_sessions`() BEGIN
        INSERT INTO `session` VALUES ('p', 1, 'x');
        DELETE FROM `session`;
        END;
        """;

    internal const string Rows = """
        INSERT INTO `customer_entity` (`entity_id`,`website_id`,`email`,`created_in`,`prefix`,`firstname`,`middlename`,`lastname`,`dob`,`password_hash`,`rp_token`,`rp_token_created_at`,`taxvat`,`confirmation`,`gender`) VALUES
          (1,1,'wilhelmina.quartz@mailbox.example','Default Store View','Dr.','Wilhelmina','Ottilie','Quartzfeld','1984-07-12','a1b2:salt:3_32_2_67','resettoken1','2024-01-01 10:00:00','ATU12345678',NULL,2),
          (2,1,'bart.o@provider.example','Default Store View',NULL,'Bartholomew',NULL,'Oakenshield-Smythe',NULL,'c3d4:salt:3_32_2_67',NULL,NULL,NULL,'confirmkey',1),
          (3,1,'o''brien\\quote@odd.example','Store "Ü" View',NULL,'Seán','Ø','O''Brien',NULL,NULL,NULL,NULL,NULL,NULL,NULL);
        INSERT INTO `customer_entity_varchar` VALUES (1,200,1,'Wilhelmina Quartzfeld personal website'),(2,201,2,NULL);
        INSERT INTO `customer_address_entity` (`entity_id`,`parent_id`,`city`,`company`,`country_id`,`fax`,`firstname`,`lastname`,`postcode`,`region`,`street`,`telephone`,`vat_id`) VALUES
          (1,1,'Innsbruckhausen','Quartzfeld GmbH','AT',NULL,'Wilhelmina','Quartzfeld','6020','Tirol','Zirkelgasse 17\nStiege 2','+43 660 7788991','ATU12345678'),
          (2,2,'Thornbury-on-Sea',NULL,'GB','+44 20 7946 0958','Bartholomew','Oakenshield-Smythe','TS1 2AB',NULL,'Kettlewell Row 9','+44 20 7946 0958',NULL);
        INSERT INTO `customer_grid_flat` (`entity_id`,`name`,`email`,`created_in`,`dob`,`shipping_full`,`billing_full`,`billing_firstname`,`billing_lastname`,`billing_telephone`,`billing_postcode`,`billing_country_id`,`billing_street`,`billing_city`,`billing_company`) VALUES
          (1,'Dr. Wilhelmina Ottilie Quartzfeld','wilhelmina.quartz@mailbox.example','Default Store View','1984-07-12','Zirkelgasse 17 Stiege 2 Innsbruckhausen Tirol 6020','Zirkelgasse 17 Stiege 2 Innsbruckhausen Tirol 6020','Wilhelmina','Quartzfeld','+43 660 7788991','6020','AT','Zirkelgasse 17','Innsbruckhausen','Quartzfeld GmbH'),
          (2,'Bartholomew Oakenshield-Smythe','bart.o@provider.example','Default Store View',NULL,NULL,'Kettlewell Row 9 Thornbury-on-Sea','Bartholomew','Oakenshield-Smythe','+44 20 7946 0958','TS1 2AB','GB','Kettlewell Row 9','Thornbury-on-Sea',NULL);
        INSERT INTO `quote` (`entity_id`,`customer_id`,`customer_email`,`customer_firstname`,`customer_lastname`,`customer_note`,`remote_ip`,`grand_total`) VALUES
          (1,1,'Wilhelmina.Quartz@Mailbox.example','Wilhelmina','Quartzfeld','call me after 6pm','10.20.30.40',12.5),
          (2,NULL,'bart.o@provider.example','Bartholomew','Oakenshield-Smythe',NULL,'172.16.99.7',0);
        INSERT INTO `sales_order` (`entity_id`,`state`,`status`,`increment_id`,`grand_total`,`customer_id`,`customer_email`,`customer_firstname`,`customer_lastname`,`customer_dob`,`customer_note`,`remote_ip`,`x_forwarded_for`) VALUES
          (1,'new','pending','000000001',12.5,1,'wilhelmina.quartz@mailbox.example','Wilhelmina','Quartzfeld','1984-07-12 00:00:00','call me after 6pm','10.20.30.40','10.20.30.40, 172.16.99.7'),
          (2,'new','pending','000000002',99,2,'bart.o@provider.example','Bartholomew','Oakenshield-Smythe',NULL,NULL,'172.16.99.7',NULL);
        INSERT INTO `sales_order_address` (`entity_id`,`parent_id`,`postcode`,`lastname`,`street`,`city`,`email`,`telephone`,`country_id`,`firstname`,`address_type`,`company`) VALUES
          (1,1,'6020','Quartzfeld','Zirkelgasse 17','Innsbruckhausen','wilhelmina.quartz@mailbox.example','+43 660 7788991','AT','Wilhelmina','billing','Quartzfeld GmbH'),
          (2,2,'TS1 2AB','Oakenshield-Smythe','Kettlewell Row 9','Thornbury-on-Sea','bart.o@provider.example','+44 20 7946 0958','GB','Bartholomew','shipping',NULL);
        INSERT INTO `sales_order_grid` VALUES
          (1,'pending','000000001','Wilhelmina Quartzfeld','Wilhelmina Quartzfeld','wilhelmina.quartz@mailbox.example','Wilhelmina Quartzfeld','Zirkelgasse 17,Innsbruckhausen,Tirol,6020','Zirkelgasse 17,Innsbruckhausen,Tirol,6020',12.5),
          (2,'pending','000000002','Bartholomew Oakenshield-Smythe',NULL,'bart.o@provider.example','Bartholomew Oakenshield-Smythe','Kettlewell Row 9,Thornbury-on-Sea,TS1 2AB',NULL,99);
        INSERT INTO `sales_order_status_history` VALUES (1,1,'Customer Wilhelmina Quartzfeld asked: call me after 6pm on +43 660 7788991','pending','order');
        INSERT INTO `newsletter_subscriber` (`subscriber_id`,`customer_id`,`subscriber_email`,`subscriber_status`,`subscriber_confirm_code`) VALUES (1,1,'wilhelmina.quartz@mailbox.example',1,'abcdef0123456789');
        INSERT INTO `review_detail` VALUES (1,1,1,'Grumpy reviewer title','Wilhelmina says: meh','Grumpy reviewer',1);
        INSERT INTO `rating_option_vote` VALUES (1,1,'10.20.30.40',169090600,1,1,1,1,60,3);
        INSERT INTO `admin_user` (`user_id`,`firstname`,`lastname`,`email`,`username`,`password`,`rp_token`) VALUES
          (1,'Ada','Lovelace','ada.admin@shop.example','admin','x:y:1','admintoken'),
          (2,'Bob','Bobbington','bob.ops@shop.example','bob.ops','x:z:1',NULL);
        INSERT INTO `authorization_role` VALUES (1,0,1,1,'G',0,'2','Administrators'),(2,1,2,0,'U',1,'2','admin'),(3,1,2,0,'U',2,'2','bob.ops');
        INSERT INTO `session` VALUES ('sess1', 1, 'Wilhelmina|wilhelmina.quartz@mailbox.example');
        INSERT INTO `catalog_product_entity_text` VALUES
          (1,75,0,1,'<p>It''s a \\ "quoted" */ value; with ),( and Grüße 日本 🎉\r\nnext line</p>',X'00FF27275C0A0D1A'),
          (2,75,0,2,REPEAT('long product text ', 100000),NULL);
        """;

    public async Task InitializeAsync()
    {
        _server = new LocalDatabaseServer(_local);
        _source = await _server.EnsureRunningAsync("mc_source", SilentObserver.Instance, CancellationToken.None);
        _destination = _source.WithDatabase("mc_destination");
        await LocalDatabaseServer.CreateDatabaseAsync(_source, CancellationToken.None);
        await LocalDatabaseServer.CreateDatabaseAsync(_destination, CancellationToken.None);
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(_source) + ";AllowLoadLocalInfile=false");
        await connection.OpenAsync();
        // The procedure body holds semicolons of its own: it goes whole, after the rest.
        var split = Schema.IndexOf("CREATE DEFINER=`ghost`@`nowhere` PROCEDURE", StringComparison.Ordinal);
        // The source's own account owns its triggers, views and routines; the destination knows no such account.
        var statements = new[] { "CREATE USER IF NOT EXISTS 'ghost'@'nowhere'", "GRANT ALL ON `mc_source`.* TO 'ghost'@'nowhere'" }
            .Concat(Schema[..split].Split(";\n", StringSplitOptions.RemoveEmptyEntries))
            .Append(Schema[split..].TrimEnd().TrimEnd(';')).Append(Rows);
        foreach (var statement in statements)
        {
            await using var command = new MySqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await _server.StopAsync(CancellationToken.None);
        try { Directory.Delete(_local, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Sanitized_dump_of_a_real_database_imports_and_holds_no_source_personal_data()
    {
        var report = await CopyAsync(new DumpSanitizer(SanitizeRules.BuiltIn, DumpSanitizer.NewKey(),
            new DumpSanitizerOptions { StructureOnlyTables = new HashSet<string>() }));

        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(_destination));
        await connection.OpenAsync();

        // Every text column of every table, scanned for every source value.
        var columns = new List<(string Table, string Column)>();
        await using (var command = new MySqlCommand(
            "SELECT c.TABLE_NAME, c.COLUMN_NAME FROM information_schema.COLUMNS c JOIN information_schema.TABLES t " +
            "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME AND t.TABLE_TYPE = 'BASE TABLE' " +
            "WHERE c.TABLE_SCHEMA = DATABASE() AND c.DATA_TYPE IN ('char','varchar','tinytext','text','mediumtext','longtext','blob','mediumblob','longblob','varbinary','binary','json')",
            connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) columns.Add((reader.GetString(0), reader.GetString(1)));
        Assert.True(columns.Count > 100, $"only {columns.Count} text columns found");
        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            await using var command = new MySqlCommand($"SELECT CAST(`{column}` AS CHAR CHARACTER SET utf8mb4) FROM `{table}`", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (reader.IsDBNull(0)) continue;
                var value = reader.GetString(0);
                // Case-sensitive, as the source wrote them: a fake value's hex digits may spell "ada" by chance.
                found.AddRange(Personal.Where(p => value.Contains(p, StringComparison.Ordinal)).Select(p => $"{table}.{column}: {p}"));
            }
        }
        Assert.Empty(found);

        // The same customer has the same fake email everywhere; the first admin keeps its login.
        var emails = await ScalarsAsync(connection,
            "SELECT email FROM customer_entity WHERE entity_id = 1 UNION ALL SELECT customer_email FROM quote WHERE entity_id = 1 " +
            "UNION ALL SELECT customer_email FROM sales_order WHERE entity_id = 1 UNION ALL SELECT customer_email FROM sales_order_grid WHERE entity_id = 1 " +
            "UNION ALL SELECT email FROM customer_grid_flat WHERE entity_id = 1 UNION ALL SELECT subscriber_email FROM newsletter_subscriber");
        Assert.Single(emails.Distinct());
        Assert.Matches(@"^u[0-9a-f]{20}@example\.invalid$", emails[0]);
        Assert.Equal(["admin", "admin@example.invalid", SanitizedPassword.MagentoHash],
            await ScalarsAsync(connection, "SELECT username FROM admin_user WHERE user_id = 1 UNION ALL SELECT email FROM admin_user WHERE user_id = 1 UNION ALL SELECT password FROM admin_user WHERE user_id = 1"));
        // Each user role still names its admin; group roles keep their names.
        Assert.Equal(["0"], await ScalarsAsync(connection,
            "SELECT COUNT(*) FROM authorization_role r LEFT JOIN admin_user u ON u.user_id = r.user_id WHERE r.role_type = 'U' AND NOT (r.role_name <=> u.username)"));
        Assert.Equal(["Administrators"], await ScalarsAsync(connection, "SELECT role_name FROM authorization_role WHERE role_type = 'G'"));

        // Untouched tables are identical; truncated ones are empty; rows and definers are as reported.
        Assert.Equal(await ChecksumAsync(_source, "catalog_product_entity_text"), await ChecksumAsync(_destination, "catalog_product_entity_text"));
        Assert.Equal(["0"], await ScalarsAsync(connection, "SELECT COUNT(*) FROM session"));
        Assert.Equal(["3"], await ScalarsAsync(connection, "SELECT COUNT(*) FROM customer_entity"));
        Assert.Equal(["magento"], await ScalarsAsync(connection,
            "SELECT DISTINCT SUBSTRING_INDEX(DEFINER, '@', 1) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() " +
            "UNION SELECT SUBSTRING_INDEX(DEFINER, '@', 1) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() " +
            "UNION SELECT SUBSTRING_INDEX(DEFINER, '@', 1) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()"));
        Assert.True(report.DefinersRewritten >= 3);
        Assert.Equal(["session"], report.TruncatedTables);
        Assert.Equal(3, report.Tables.Single(t => t.Table == "customer_entity").Rows);
        Assert.Contains("email", report.Tables.Single(t => t.Table == "customer_entity").SanitizedColumns);
    }

    /// <summary>mariadb-dump | sanitizer | mariadb, streaming, with the credentials in a private option file.</summary>
    private async Task<SanitizeReport> CopyAsync(DumpSanitizer sanitizer)
    {
        var options = Path.Combine(_local, "client.cnf");
        File.WriteAllText(options, "");
        File.SetUnixFileMode(options, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(options, $"[client]\nuser={_source.User}\npassword={_source.Password}\nhost=127.0.0.1\nport={_source.Port}\n");

        var dump = Start("mariadb-dump", $"--defaults-extra-file={options}", "--single-transaction", "--quick", "--no-tablespaces",
            "--routines", "--triggers", "--events", "--hex-blob", _source.Database);
        var import = Start("mariadb", $"--defaults-extra-file={options}", _destination.Database);
        var dumpErrors = dump.StandardError.ReadToEndAsync();
        var importErrors = import.StandardError.ReadToEndAsync();
        SanitizeReport report;
        await using (var input = import.StandardInput.BaseStream)
            report = await sanitizer.SanitizeAsync(dump.StandardOutput.BaseStream, input);
        await Task.WhenAll(dump.WaitForExitAsync(), import.WaitForExitAsync());
        Assert.True(dump.ExitCode == 0, "mariadb-dump failed: " + await dumpErrors);
        Assert.True(import.ExitCode == 0, "the import failed: " + await importErrors);
        return report;
    }

    private static Process Start(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    private static async Task<List<string>> ScalarsAsync(MySqlConnection connection, string sql)
    {
        var values = new List<string>();
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) values.Add(Convert.ToString(reader.GetValue(0))!);
        return values;
    }

    private static async Task<string> ChecksumAsync(DatabaseEndpoint endpoint, string table)
    {
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint));
        await connection.OpenAsync();
        return (await ScalarsAsync(connection, "SELECT CONCAT(COUNT(*), ':', SUM(CRC32(CONCAT_WS('|', value_id, value, HEX(image))))) FROM " + table)).Single();
    }
}
