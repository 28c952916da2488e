using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace MagentoCloud.Engine.Tests.Build;

/// <summary>
/// A Composer repository on loopback (no public registry is reachable here): a few packages as zip
/// dists, served by PHP's built-in web server, which logs every request (and may wait before each
/// answer, as a distant registry would).
/// </summary>
public sealed class ComposerRepository : IDisposable
{
    private readonly Process _server;

    public ComposerRepository(string directory, int packages = 3, int payloadBytes = 256 * 1024, int delayMilliseconds = 0, int sourceFiles = 0)
    {
        Directory = directory;
        var dists = Path.Combine(directory, "dists");
        System.IO.Directory.CreateDirectory(dists);
        Port = FreePort();
        Url = $"http://127.0.0.1:{Port}";
        var index = new Dictionary<string, object>();
        for (var i = 0; i < packages; i++)
        {
            var name = $"acme/tool-{(char)('a' + i)}";
            var zip = Path.Combine(dists, $"tool-{(char)('a' + i)}-1.0.0.zip");
            var manifest = new Dictionary<string, object> { ["name"] = name, ["version"] = "1.0.0", ["bin"] = new[] { $"bin/tool-{(char)('a' + i)}" } };
            using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            {
                Write(archive, "composer.json", JsonSerializer.Serialize(manifest));
                Write(archive, $"bin/tool-{(char)('a' + i)}", $"#!/bin/sh\necho {name} 1.0.0\n");
                var payload = new byte[payloadBytes];
                Random.Shared.NextBytes(payload); // incompressible: a download costs what it weighs
                using (var data = archive.CreateEntry("data.bin", CompressionLevel.NoCompression).Open()) data.Write(payload);
                // Source files, as a real package has (hundreds of small PHP files): what unpacking costs.
                for (var f = 0; f < sourceFiles; f++)
                    Write(archive, $"src/Module{f / 100}/Class{f}.php", $"<?php\nnamespace Acme\\Tool{(char)('A' + i)}\\Module{f / 100};\n\nfinal class Class{f}\n{{\n    public const ID = {f};\n}}\n");
            }
            manifest["dist"] = new Dictionary<string, string> { ["type"] = "zip", ["url"] = $"{Url}/dists/{Path.GetFileName(zip)}" };
            index[name] = new Dictionary<string, object> { ["1.0.0"] = manifest };
            Names.Add(name);
        }
        File.WriteAllText(Path.Combine(directory, "packages.json"), JsonSerializer.Serialize(new { packages = index }));
        LogPath = Path.Combine(directory, "requests.log");
        File.WriteAllText(Path.Combine(directory, "router.php"),
            $"<?php file_put_contents({JsonSerializer.Serialize(LogPath)}, $_SERVER['REQUEST_URI'] . \"\\n\", FILE_APPEND);\n" +
            (delayMilliseconds > 0 ? $"usleep({delayMilliseconds * 1000});\n" : "") + "return false;\n");
        var start = new ProcessStartInfo("php") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-S", $"127.0.0.1:{Port}", "-t", directory, Path.Combine(directory, "router.php") }) start.ArgumentList.Add(a);
        start.Environment["PHP_CLI_SERVER_WORKERS"] = "4";
        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Listening(Port))
        {
            if (_server.HasExited || DateTime.UtcNow > deadline) throw new InvalidOperationException("php -S did not start");
            Thread.Sleep(50);
        }
    }

    public string Directory { get; }

    public int Port { get; }

    public string Url { get; }

    public List<string> Names { get; } = [];

    public string LogPath { get; }

    /// <summary>The dist downloads served so far.</summary>
    public int Downloads => File.Exists(LogPath) ? File.ReadAllLines(LogPath).Count(l => l.EndsWith(".zip", StringComparison.Ordinal)) : 0;

    /// <summary>A project's composer.json that requires every package from this repository only.</summary>
    public string ComposerJson() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["name"] = "acme/shop",
        ["require"] = Names.ToDictionary(n => n, _ => "1.0.0"),
        ["repositories"] = new object[] { new { type = "composer", url = Url }, new Dictionary<string, bool> { ["packagist.org"] = false } },
        ["config"] = new Dictionary<string, object> { ["secure-http"] = false },
    });

    /// <summary>A COMPOSER_HOME config.json that makes this repository the only one (for <c>dependencies.php</c>).</summary>
    public string GlobalConfig() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["repositories"] = new object[] { new { type = "composer", url = Url }, new Dictionary<string, bool> { ["packagist.org"] = false } },
        ["config"] = new Dictionary<string, object> { ["secure-http"] = false },
    });

    /// <summary>Runs <c>composer update</c> in <paramref name="project"/> (which holds <see cref="ComposerJson"/>) to write composer.lock.</summary>
    public void Lock(string project)
    {
        var start = new ProcessStartInfo("composer") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = project };
        foreach (var a in new[] { "update", "--no-interaction", "--no-install", "--no-progress" }) start.ArgumentList.Add(a);
        start.Environment["COMPOSER_ALLOW_SUPERUSER"] = "1";
        start.Environment["COMPOSER_CACHE_DIR"] = Path.Combine(Directory, "lock-cache");
        using var composer = Process.Start(start)!;
        var error = composer.StandardError.ReadToEndAsync();
        composer.StandardOutput.ReadToEnd();
        composer.WaitForExit();
        if (composer.ExitCode != 0) throw new InvalidOperationException("composer update failed: " + error.Result);
    }

    private static void Write(ZipArchive archive, string name, string text)
    {
        using var writer = new StreamWriter(archive.CreateEntry(name).Open());
        writer.Write(text);
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try { _server.Kill(entireProcessTree: true); _server.WaitForExit(); } catch (InvalidOperationException) { }
        _server.Dispose();
    }
}
