// Export-CloudConfig -Mode All's engine work on a store with many settings, against mariadb-dump of
// the same core_config_data table in the same run. Prints one JSON object for ConfigExport.Bench.ps1.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MagentoCloud.Engine;
using MagentoCloud.Engine.Configuration;
using MagentoCloud.Engine.Data;
using MySqlConnector;

var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var scratch = Directory.CreateTempSubdirectory("mc-bench-config-").FullName;
var server = new LocalDatabaseServer(Path.Combine(scratch, "local"));
try
{
    var endpoint = await server.EnsureRunningAsync("bench_config", SilentObserver.Instance, CancellationToken.None);
    await LocalDatabaseServer.CreateDatabaseAsync(endpoint, CancellationToken.None);
    await MagentoSchema.CreateAsync(endpoint, CancellationToken.None);
    await FillAsync(endpoint, rows);

    var workingCopy = Path.Combine(scratch, "project");
    Directory.CreateDirectory(Path.Combine(workingCopy, "app", "etc"));
    var configPhp = Path.Combine(workingCopy, "app", "etc", "config.php");
    File.WriteAllText(configPhp, "<?php\nreturn [\n    'modules' => [\n        'Magento_Store' => 1\n    ]\n];\n");
    var service = new ConfigurationService(workingCopy, sensitive: SensitiveConfigPaths.Default);

    var trace = Environment.GetEnvironmentVariable("MC_BENCH_TRACE") == "1" ? (IOperationObserver)new StderrObserver() : SilentObserver.Instance;
    var cold = Stopwatch.StartNew();
    var first = await service.ExportAsync(endpoint, ConfigExportMode.All, false, SilentObserver.Instance, CancellationToken.None);
    var coldMs = cold.Elapsed.TotalMilliseconds;
    var exportTimes = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await service.ExportAsync(endpoint, ConfigExportMode.All, false, trace, CancellationToken.None);
        exportTimes.Add(watch.Elapsed.TotalMilliseconds);
    }

    // mariadb-dump reads its password from an owner-only defaults file, never the command line.
    var defaults = Path.Combine(scratch, "client.cnf");
    File.WriteAllText(defaults, "");
    File.SetUnixFileMode(defaults, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    File.WriteAllText(defaults, $"[client]\nuser={endpoint.User}\npassword={endpoint.Password}\nhost=127.0.0.1\nport={endpoint.Port}\nprotocol=TCP\n");
    var dumpFile = Path.Combine(scratch, "core_config_data.sql");
    var dumpTimes = new List<double>();
    for (var i = 0; i < runs + 1; i++)
    {
        var watch = Stopwatch.StartNew();
        await DumpAsync(defaults, endpoint.Database, dumpFile);
        if (i > 0) dumpTimes.Add(watch.Elapsed.TotalMilliseconds); // the first run warms the server's cache, as the cold export did
    }

    var readWatch = Stopwatch.StartNew();
    PhpArrayReader.ReadFile(configPhp);
    var readMs = readWatch.Elapsed.TotalMilliseconds;
    var writeWatch = Stopwatch.StartNew();
    PhpArrayWriter.Write(PhpArrayReader.ReadFile(configPhp).Root);
    var readWriteMs = writeWatch.Elapsed.TotalMilliseconds;
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        Rows = rows,
        ExportMs = Math.Round(Median(exportTimes), 1),
        ExportColdMs = Math.Round(coldMs, 1),
        DumpMs = Math.Round(Median(dumpTimes), 1),
        ConfigPhpBytes = new FileInfo(configPhp).Length,
        ReadConfigPhpMs = Math.Round(readMs, 1),
        ReadWriteConfigPhpMs = Math.Round(readWriteMs, 1),
        DumpBytes = new FileInfo(dumpFile).Length,
        first.Settings,
        first.SensitiveSettings,
    }));
    return 0;
}
finally
{
    await server.StopAsync(CancellationToken.None);
    try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
}

static double Median(List<double> values)
{
    values.Sort();
    return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
}

static async Task DumpAsync(string defaults, string database, string output)
{
    var start = new ProcessStartInfo("mariadb-dump") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in new[] { $"--defaults-extra-file={defaults}", "--single-transaction", database, "core_config_data" })
        start.ArgumentList.Add(argument);
    using var process = Process.Start(start)!;
    await using (var file = File.Create(output)) await process.StandardOutput.BaseStream.CopyToAsync(file);
    var error = await process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0) throw new InvalidOperationException($"mariadb-dump failed ({process.ExitCode}): {error}");
}

// A store with 3 websites and 8 store views, and settings spread over default, website and store scopes.
static async Task FillAsync(DatabaseEndpoint endpoint, int rows)
{
    await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint));
    await connection.OpenAsync();
    async Task Run(string sql)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
    await Run("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO');" +
              "INSERT INTO store_website VALUES (0,'admin','Admin',0,0,0),(1,'base','Main',0,1,1),(2,'eu','EU',1,2,0),(3,'b2b','B2B',2,3,0);" +
              "INSERT INTO store_group VALUES (0,0,'Default',0,0,'default'),(1,1,'Main Store',2,1,'main'),(2,2,'EU Store',2,2,'eu_store'),(3,3,'B2B Store',2,5,'b2b_store');" +
              "INSERT INTO store VALUES (0,'admin',0,0,'Admin',0,1),(1,'default',1,1,'Default',0,1),(2,'de',2,2,'German',0,1),(3,'fr',2,2,'French',1,1)," +
              "(4,'nl',2,2,'Dutch',2,1),(5,'b2b_en',3,3,'B2B English',0,1),(6,'b2b_de',3,3,'B2B German',1,1),(7,'es',2,2,'Spanish',3,1),(8,'it',2,2,'Italian',4,1);" +
              "INSERT INTO theme VALUES (1,NULL,'Magento/blank','Magento Blank',NULL,0,'frontend',0,'Magento/blank'),(2,1,'Magento/luma','Magento Luma',NULL,0,'frontend',0,'Magento/luma');");
    var batch = new StringBuilder();
    for (var i = 0; i < rows; i++)
    {
        // Every 50th a secret; default 60%, websites 20%, stores 20%.
        var (scope, scopeId) = (i % 10) switch { < 6 => ("default", 0), < 8 => ("websites", 1 + i % 3), _ => ("stores", 1 + i % 8) };
        var path = i % 50 == 0 ? $"payment/method{i / 50}/private_key" : $"section{i % 97}/group{i / 97 % 53}/field_{i}";
        batch.Append(batch.Length == 0 ? "INSERT INTO core_config_data (scope, scope_id, path, value) VALUES " : ",");
        batch.Append(CultureInfo.InvariantCulture, $"('{scope}',{scopeId},'{path}','value {i} with O''Brien \\\\ text')");
        if (batch.Length > 200_000 || i == rows - 1)
        {
            await Run(batch.ToString());
            batch.Clear();
        }
    }
}

sealed class StderrObserver : IOperationObserver
{
    public void Progress(OperationProgress progress) { }
    public void Log(string line) => Console.Error.WriteLine(line);
    public void Warning(string message) => Console.Error.WriteLine(message);
}
