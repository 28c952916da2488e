using System.Text;

/// <summary>
/// Writes a mariadb-dump-shaped dump of a store: customers, addresses, quotes, orders with items and
/// addresses, product texts, sessions; extended INSERTs of about 1 MB, as mariadb-dump writes them.
/// Roughly 40% of the bytes are in tables the built-in rules sanitize, 5% in truncated ones.
/// </summary>
internal sealed class SyntheticDump(Stream output, int seed)
{
    private readonly Random _random = new(seed);
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
    private static readonly string[] First = ["Anna", "Björn", "Chloé", "Dmitri", "Eva", "François", "Günther", "Hana", "Ivan", "José", "Kai", "Łukasz", "Mia", "Noah", "Olga", "Paul"];
    private static readonly string[] Last = ["Müller", "O'Brien", "Schmidt", "García", "Nowak", "Rossi", "Dubois", "Jensen", "Kowalski", "Smith", "Ivanova", "Tanaka"];
    private static readonly string[] Words = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do", "eiusmod", "tempor", "Größe", "naïve", "\\\"quoted\\\"", "it\\'s"];

    public long Write(long targetBytes)
    {
        _writer.Write("-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)\n--\n-- Host: 127.0.0.1    Database: magento\n");
        _writer.Write("/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n/*!40101 SET NAMES utf8mb4 */;\n/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;\n");
        var tables = new (string Name, string Columns, double Share, Func<long, string> Row)[]
        {
            ("customer_entity", "`entity_id` int(10) unsigned NOT NULL AUTO_INCREMENT|`website_id` smallint(5) unsigned DEFAULT NULL|`email` varchar(255) DEFAULT NULL|`group_id` smallint(5) unsigned NOT NULL DEFAULT 0|`created_at` timestamp NOT NULL DEFAULT current_timestamp()|`created_in` varchar(255) DEFAULT NULL|`firstname` varchar(255) DEFAULT NULL|`lastname` varchar(255) DEFAULT NULL|`dob` date DEFAULT NULL|`password_hash` varchar(128) DEFAULT NULL|`gender` smallint(5) unsigned DEFAULT NULL", 0.08, Customer),
            ("customer_address_entity", "`entity_id` int(10) unsigned NOT NULL AUTO_INCREMENT|`parent_id` int(10) unsigned DEFAULT NULL|`city` varchar(255) NOT NULL|`country_id` varchar(255) NOT NULL|`firstname` varchar(255) NOT NULL|`lastname` varchar(255) NOT NULL|`postcode` varchar(255) DEFAULT NULL|`street` text NOT NULL|`telephone` varchar(255) NOT NULL", 0.06, Address),
            ("quote", "`entity_id` int(10) unsigned NOT NULL AUTO_INCREMENT|`store_id` smallint(5) unsigned NOT NULL DEFAULT 0|`created_at` timestamp NOT NULL DEFAULT current_timestamp()|`items_count` int(10) unsigned DEFAULT 0|`grand_total` decimal(20,4) DEFAULT 0.0000|`customer_email` varchar(255) DEFAULT NULL|`customer_firstname` varchar(255) DEFAULT NULL|`customer_lastname` varchar(255) DEFAULT NULL|`remote_ip` varchar(45) DEFAULT NULL|`global_currency_code` varchar(255) DEFAULT NULL", 0.06, Quote),
            ("sales_order", "`entity_id` int(10) unsigned NOT NULL AUTO_INCREMENT|`state` varchar(32) DEFAULT NULL|`status` varchar(32) DEFAULT NULL|`increment_id` varchar(32) DEFAULT NULL|`grand_total` decimal(20,4) DEFAULT NULL|`subtotal` decimal(20,4) DEFAULT NULL|`tax_amount` decimal(20,4) DEFAULT NULL|`customer_email` varchar(128) DEFAULT NULL|`customer_firstname` varchar(128) DEFAULT NULL|`customer_lastname` varchar(128) DEFAULT NULL|`remote_ip` varchar(45) DEFAULT NULL|`shipping_description` varchar(255) DEFAULT NULL|`created_at` timestamp NOT NULL DEFAULT current_timestamp()", 0.10, Order),
            ("sales_order_address", "`entity_id` int(10) unsigned NOT NULL AUTO_INCREMENT|`parent_id` int(10) unsigned DEFAULT NULL|`postcode` varchar(255) DEFAULT NULL|`lastname` varchar(255) DEFAULT NULL|`street` varchar(255) DEFAULT NULL|`city` varchar(255) DEFAULT NULL|`email` varchar(255) DEFAULT NULL|`telephone` varchar(255) DEFAULT NULL|`country_id` varchar(2) DEFAULT NULL|`firstname` varchar(255) DEFAULT NULL|`address_type` varchar(255) DEFAULT NULL", 0.08, OrderAddress),
            ("sales_order_item", "`item_id` int(10) unsigned NOT NULL AUTO_INCREMENT|`order_id` int(10) unsigned NOT NULL DEFAULT 0|`store_id` smallint(5) unsigned DEFAULT NULL|`created_at` timestamp NOT NULL DEFAULT current_timestamp()|`product_id` int(10) unsigned DEFAULT NULL|`product_type` varchar(255) DEFAULT NULL|`product_options` longtext DEFAULT NULL|`sku` varchar(255) DEFAULT NULL|`name` varchar(255) DEFAULT NULL|`qty_ordered` decimal(12,4) DEFAULT 0.0000|`price` decimal(20,4) NOT NULL DEFAULT 0.0000|`row_total` decimal(20,4) NOT NULL DEFAULT 0.0000|`tax_percent` decimal(12,4) DEFAULT 0.0000", 0.27, OrderItem),
            ("catalog_product_entity_text", "`value_id` int(11) NOT NULL AUTO_INCREMENT|`attribute_id` smallint(5) unsigned NOT NULL DEFAULT 0|`store_id` smallint(5) unsigned NOT NULL DEFAULT 0|`entity_id` int(10) unsigned NOT NULL DEFAULT 0|`value` mediumtext DEFAULT NULL", 0.30, ProductText),
            ("session", "`session_id` varchar(255) NOT NULL|`session_expires` int(10) unsigned NOT NULL DEFAULT 0|`session_data` mediumblob NOT NULL", 0.05, Session),
        };
        foreach (var (name, columns, share, row) in tables)
        {
            _writer.Write($"\n--\n-- Table structure for table `{name}`\n--\n\nDROP TABLE IF EXISTS `{name}`;\nCREATE TABLE `{name}` (\n");
            foreach (var column in columns.Split('|')) _writer.Write($"  {column},\n");
            _writer.Write($"  PRIMARY KEY (`{columns[1..columns.IndexOf('`', 1)]}`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;\n\n");
            _writer.Write($"LOCK TABLES `{name}` WRITE;\n/*!40000 ALTER TABLE `{name}` DISABLE KEYS */;\n");
            var budget = (long)(targetBytes * share);
            long written = 0, id = 1;
            var statement = new StringBuilder(1 << 20);
            while (written < budget)
            {
                statement.Clear().Append("INSERT INTO `").Append(name).Append("` VALUES ");
                while (statement.Length < 1_000_000 && written + statement.Length < budget)
                {
                    if (statement[^1] == ')') statement.Append(',');
                    statement.Append('(').Append(row(id++)).Append(')');
                }
                statement.Append(";\n");
                _writer.Write(statement);
                written += Encoding.UTF8.GetByteCount(statement.ToString());
            }
            _writer.Write($"/*!40000 ALTER TABLE `{name}` ENABLE KEYS */;\nUNLOCK TABLES;\n");
        }
        _writer.Write("\nDELIMITER ;;\n/*!50003 CREATE*/ /*!50017 DEFINER=`magento`@`%`*/ /*!50003 TRIGGER trg AFTER INSERT ON `sales_order` FOR EACH ROW SET @x = 1 */;;\nDELIMITER ;\n-- Dump completed\n");
        _writer.Flush();
        return output.Length;
    }

    private string Name(string[] names) => names[_random.Next(names.Length)];
    private string Email(long id) => $"{Name(First).ToLowerInvariant()}.{id % 50000}@mail{id % 97}.example";
    private string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[_random.Next(Words.Length)]));
    private string Ip() => $"{_random.Next(1, 255)}.{_random.Next(256)}.{_random.Next(256)}.{_random.Next(256)}";

    private string Customer(long id) =>
        $"{id},1,'{Email(id)}',1,'2024-03-0{id % 9 + 1} 10:11:12','Default Store View','{Name(First)}','{Name(Last).Replace("'", "\\'")}','198{id % 10}-0{id % 9 + 1}-1{id % 9}','{_random.NextInt64():x16}:salt{id}:3_32_2_67',{id % 3}";
    private string Address(long id) =>
        $"{id},{id},'City {id % 700}','DE','{Name(First)}','{Name(Last).Replace("'", "\\'")}','{10000 + id % 89999}','{id % 200} {Name(Last).Replace("'", "\\'")}straße\\nHinterhaus','+49 30 {id:D7}'";
    private string Quote(long id) =>
        $"{id},1,'2024-05-01 12:00:00',{id % 5},{id % 1000}.5000,'{Email(id)}','{Name(First)}','{Name(Last).Replace("'", "\\'")}','{Ip()}','EUR'";
    private string Order(long id) =>
        $"{id},'processing','processing','{id:D9}',{id % 1000}.9900,{id % 900}.0000,{id % 90}.1900,'{Email(id)}','{Name(First)}','{Name(Last).Replace("'", "\\'")}','{Ip()}','Flat Rate - Fixed','2024-05-02 08:09:10'";
    private string OrderAddress(long id) =>
        $"{id},{id / 2},'{10000 + id % 89999}','{Name(Last).Replace("'", "\\'")}','{id % 200} Hauptstraße','City {id % 700}','{Email(id / 2)}','+49 30 {id:D7}','DE','{Name(First)}','{(id % 2 == 0 ? "billing" : "shipping")}'";
    private string OrderItem(long id) =>
        $"{id},{id / 3},1,'2024-05-02 08:09:10',{id % 5000},'simple','{{\\\"info_buyRequest\\\":{{\\\"qty\\\":1,\\\"product\\\":\\\"{id % 5000}\\\"}}}}','SKU-{id % 5000:D6}','{Text(4)}',1.0000,{id % 300}.0000,{id % 300}.0000,19.0000";
    private string ProductText(long id) =>
        $"{id},75,0,{id},'<p>{Text(60)}</p>'";
    private string Session(long id) =>
        $"'{_random.NextInt64():x16}{id:x8}',{1700000000 + id},_binary '_session_validator_data|a:4:{{s:11:\\\"remote_addr\\\";s:11:\\\"{Ip()}\\\";}}customer_base|a:0:{{}}'";
}
