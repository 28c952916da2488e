using System.Text;
using MagentoCloud.Engine.Data;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>How a dump file is cut for a load over several connections.</summary>
public sealed class DumpSplitterTests
{
    private const string Dump = """
        -- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)

        /*!40101 SET NAMES utf8mb4 */;
        /*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;

        --
        -- Table structure for table `a`
        --

        DROP TABLE IF EXISTS `a`;
        CREATE TABLE `a` (
          `id` int(11) NOT NULL,
          PRIMARY KEY (`id`)
        ) ENGINE=InnoDB;
        LOCK TABLES `a` WRITE;
        /*!40000 ALTER TABLE `a` DISABLE KEYS */;
        INSERT INTO `a` VALUES
        (1),
        (2);
        /*!40000 ALTER TABLE `a` ENABLE KEYS */;
        UNLOCK TABLES;
        DELIMITER ;;
        /*!50003 CREATE*/ /*!50003 TRIGGER t BEFORE INSERT ON a FOR EACH ROW BEGIN
        INSERT INTO `b` VALUES (1);
        END */;;
        DELIMITER ;
        CREATE TABLE `b` (
          `id` int(11) NOT NULL
        ) ENGINE=InnoDB;
        INSERT INTO `b` VALUES (3);

        """;

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task Rows_are_the_top_level_INSERTs_whole_and_triggers_with_their_bodies_are_objects(string newline)
    {
        using var splitter = new DumpSplitter(new MemoryStream(Encoding.UTF8.GetBytes(Dump.Replace("\n", newline, StringComparison.Ordinal))));
        Assert.True(await splitter.IsDumpAsync(CancellationToken.None));
        var pieces = new List<(DumpPieceKind Kind, string Text)>();
        await foreach (var (kind, bytes) in splitter.PiecesAsync(CancellationToken.None))
            pieces.Add((kind, Encoding.UTF8.GetString(bytes.Span).Replace("\r\n", "\n", StringComparison.Ordinal)));

        Assert.Equal(["INSERT INTO `a` VALUES\n(1),\n(2);\n", "INSERT INTO `b` VALUES (3);\n"],
            pieces.Where(p => p.Kind == DumpPieceKind.Rows).Select(p => p.Text));
        var objects = string.Concat(pieces.Where(p => p.Kind == DumpPieceKind.Objects).Select(p => p.Text));
        Assert.StartsWith("DELIMITER ;;\n", objects, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO `b` VALUES (1);\nEND */;;\nDELIMITER ;\n", objects, StringComparison.Ordinal);
        var schema = string.Concat(pieces.Where(p => p.Kind == DumpPieceKind.Schema).Select(p => p.Text));
        Assert.Contains("CREATE TABLE `b`", schema, StringComparison.Ordinal);
        Assert.DoesNotContain("LOCK TABLES", schema, StringComparison.Ordinal);
        Assert.DoesNotContain("DISABLE KEYS", schema, StringComparison.Ordinal);
        Assert.Contains("SQL_MODE='NO_AUTO_VALUE_ON_ZERO'", Encoding.UTF8.GetString(splitter.Prelude.Span), StringComparison.Ordinal);
    }
}
