using MagentoCloud.Engine;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Transport;
using static MagentoCloud.Engine.Tests.Data.DatabaseTransferTests;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>Imports of one dump file over several connections, on the real local MariaDB server.</summary>
[Collection(LocalServerCollection.Name)]
public sealed class ParallelLoadTests(LocalServerFixture server)
{
    private static readonly LocalTransport Local = new();

    [Fact]
    public async Task A_dump_file_loads_over_two_connections_as_the_source_with_its_triggers_views_and_routines_after_the_rows()
    {
        var source = await server.NewDatabaseAsync("loadsrc");
        await SeedAsync(source);
        await ExecuteAsync(source,
            "CREATE TABLE a (id int primary key, v text) ENGINE=InnoDB", "INSERT INTO a SELECT seq, REPEAT('x', 2000) FROM seq_1_to_6000",
            "CREATE TABLE counted (id int primary key, n int)", "INSERT INTO counted SELECT seq, 0 FROM seq_1_to_3000",
            // Were it created before the rows, every row loaded would count here.
            "CREATE TABLE tally (n int)", "INSERT INTO tally VALUES (0)",
            "CREATE TRIGGER counted_tally AFTER INSERT ON counted FOR EACH ROW UPDATE tally SET n = n + 1");
        var destination = await server.NewDatabaseAsync("loaddst");
        await ExecuteAsync(destination, "CREATE TABLE old_one (id int)");
        var log = new LogObserver();

        var report = await DatabaseTransfer.ImportAsync(await DumpAsync(source), destination, new DatabaseClient(Local, destination), SanitizeRules.None,
            "import", log, CancellationToken.None, throttleLimit: 2);

        Assert.Contains("Loading over 2 connections", log.Lines);
        Assert.Equal(await FingerprintAsync(source), await FingerprintAsync(destination));
        Assert.Equal(["0"], await ScalarsAsync(destination, "SELECT n FROM tally"));
        Assert.Equal(6000, report.Tables.Single(t => t.Table == "a").Rows);
        Assert.Empty(await LeftoverSchemasAsync(destination));
    }

    [Fact]
    public async Task A_loader_killed_mid_import_fails_it_and_leaves_the_destination_unchanged()
    {
        var source = await BigSourceAsync(server, "loadkill");
        var destination = await server.NewDatabaseAsync("loadkilldst");
        await SeedAsync(destination);
        var before = await FingerprintAsync(destination);
        var observer = new KillOneLoader(destination, megabytes: 20);

        await Assert.ThrowsAnyAsync<CloudException>(async () => await DatabaseTransfer.ImportAsync(await DumpAsync(source), destination,
            new DatabaseClient(Local, destination), SanitizeRules.None, "import", observer, CancellationToken.None, throttleLimit: 2));

        Assert.True(observer.Killed);
        Assert.Equal(before, await FingerprintAsync(destination));
        Assert.Empty(await LeftoverSchemasAsync(destination));
    }

    [Fact]
    public async Task Ctrl_C_mid_import_over_two_connections_leaves_the_destination_unchanged()
    {
        var source = await BigSourceAsync(server, "loadcancel");
        var destination = await server.NewDatabaseAsync("loadcanceldst");
        await SeedAsync(destination);
        var before = await FingerprintAsync(destination);
        using var cancel = new CancellationTokenSource();
        var observer = new CancelOnProgress(cancel, megabytes: 20);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await DatabaseTransfer.ImportAsync(await DumpAsync(source), destination,
            new DatabaseClient(Local, destination), SanitizeRules.None, "import", observer, cancel.Token, throttleLimit: 2));

        Assert.True(observer.Cancelled);
        Assert.Equal(before, await FingerprintAsync(destination));
        Assert.Empty(await LeftoverSchemasAsync(destination));
    }

    [Fact]
    public async Task A_mysqldump_8_file_gives_every_loader_its_session_settings_so_a_zero_key_stays_zero()
    {
        // mysqldump 8 sets the names in a /*!50503 comment, before the time zone and the SQL mode that keeps 0 in an AUTO_INCREMENT column.
        const string dump = """
            -- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
            --
            -- Host: localhost    Database: shop
            -- ------------------------------------------------------
            -- Server version	8.0.36

            /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
            /*!50503 SET NAMES utf8mb4 */;
            /*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
            /*!40103 SET TIME_ZONE='+00:00' */;
            /*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
            /*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;

            --
            -- Table structure for table `store`
            --

            DROP TABLE IF EXISTS `store`;
            /*!40101 SET @saved_cs_client     = @@character_set_client */;
            /*!50503 SET character_set_client = utf8mb4 */;
            CREATE TABLE `store` (
              `store_id` smallint unsigned NOT NULL AUTO_INCREMENT,
              `code` varchar(32) DEFAULT NULL,
              PRIMARY KEY (`store_id`)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            /*!40101 SET character_set_client = @saved_cs_client */;

            LOCK TABLES `store` WRITE;
            /*!40000 ALTER TABLE `store` DISABLE KEYS */;
            INSERT INTO `store` VALUES (0,'admin'),(1,'default');
            /*!40000 ALTER TABLE `store` ENABLE KEYS */;
            UNLOCK TABLES;
            /*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

            /*!40101 SET SQL_MODE=@OLD_SQL_MODE */;

            -- Dump completed on 2026-01-01 10:00:00

            """;
        var destination = await server.NewDatabaseAsync("mysql8");
        var log = new LogObserver();

        await DatabaseTransfer.ImportAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(dump)), destination, new DatabaseClient(Local, destination),
            SanitizeRules.None, "import", log, CancellationToken.None, throttleLimit: 2);

        Assert.Contains("Loading over 2 connections", log.Lines);
        Assert.Equal(["0 admin", "1 default"], await ScalarsAsync(destination, "SELECT CONCAT(store_id, ' ', code) FROM store ORDER BY store_id"));
    }

    /// <summary>One ordinary mariadb-dump of the whole database, as Export-CloudDatabase with one stream writes it.</summary>
    private static async Task<MemoryStream> DumpAsync(DatabaseEndpoint source)
    {
        var plan = await DumpPlan.CreateAsync(source, TableSelection.All, CancellationToken.None);
        var dump = new MemoryStream();
        await plan.WriteAsync(new DatabaseClient(Local, source), dump, CancellationToken.None);
        dump.Position = 0;
        return dump;
    }

    private sealed class LogObserver : IOperationObserver
    {
        public List<string> Lines { get; } = [];
        public void Progress(OperationProgress report) { }
        public void Log(string line) { lock (Lines) Lines.Add(line); }
        public void Warning(string message) { }
    }

    /// <summary>Kills the connection of the newest loader sending rows (one of several) once the import has moved that many MB.</summary>
    private sealed class KillOneLoader(DatabaseEndpoint destination, int megabytes) : ActOnceAtMegabytes(megabytes)
    {
        public bool Killed { get; private set; }

        protected override void Act() => Killed = LoaderConnections.Kill(destination, newestOnly: true);
    }
}
