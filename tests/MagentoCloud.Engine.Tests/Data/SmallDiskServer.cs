using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MagentoCloud.Engine.Data;
using MySqlConnector;

namespace MagentoCloud.Engine.Tests.Data;

/// <summary>
/// A MariaDB server of the tests' own whose data directory is a small tmpfs, mounted in a private mount
/// namespace (only the server sees it; it goes when the server stops): a real disk that fills up, so an
/// import into it fails as on a full disk. Reached over TCP on loopback as root without a password.
/// </summary>
public sealed class SmallDiskServer : IAsyncLifetime
{
    /// <summary>Room for the system tables (about 25 MB, redo log included) and a seeded store, not for a big import beside it.</summary>
    public const int DiskMegabytes = 64;

    private readonly string _directory = Directory.CreateTempSubdirectory("mc-smalldisk-").FullName;
    private Process? _server;
    private int _port;
    private int _databases;

    public async Task InitializeAsync()
    {
        _port = FreePort();
        var disk = Path.Combine(_directory, "disk");
        Directory.CreateDirectory(disk);
        // A small redo log and temporary tablespace, so that the system tables leave room on the small disk, and the
        // system tablespace growing by 1 MB, not 64: a disk fuller than that would refuse even a CREATE TABLE.
        const string script = """
            set -e
            mount -t tmpfs -o size="$3"m tmpfs "$1/disk"
            mkdir -p "$1/tmp"
            mariadb-install-db --no-defaults --datadir="$1/disk/data" --tmpdir="$1/tmp" --auth-root-authentication-method=normal --skip-test-db \
                --user=root --innodb-log-file-size=8M >"$1/install.log" 2>&1
            exec mariadbd --no-defaults --user=root --datadir="$1/disk/data" --tmpdir="$1/tmp" --port="$2" --bind-address=127.0.0.1 \
                --socket="$1/disk/mariadbd.sock" --skip-name-resolve --innodb-log-file-size=8M --innodb-buffer-pool-size=32M \
                --innodb-temp-data-file-path=ibtmp1:4M:autoextend --innodb-autoextend-increment=1 \
                --log-error="$1/error.log" --pid-file="$1/disk/mariadbd.pid" </dev/null >/dev/null 2>&1
            """;
        // Mounting needs root, or a user namespace in which we are root.
        string[] unshare = Environment.UserName == "root" ? ["--mount"] : ["--user", "--map-root-user", "--mount"];
        var start = new ProcessStartInfo("unshare") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in unshare.Concat(["--propagation", "private", "sh", "-c", script, "sh", _directory, _port.ToString(), DiskMegabytes.ToString()]))
            start.ArgumentList.Add(argument);
        _server = Process.Start(start)!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(Endpoint("")));
                await connection.OpenAsync();
                return;
            }
            catch (MySqlException) when (!_server.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (MySqlException e)
            {
                throw new InvalidOperationException(
                    $"The small-disk MariaDB server did not start ({e.Message}): {await _server.StandardError.ReadToEndAsync()} " +
                    $"{Log("install.log")} {Log("error.log")}");
            }
        }
    }

    /// <summary>A new, empty database on the small disk.</summary>
    public async Task<DatabaseEndpoint> NewDatabaseAsync(string prefix)
    {
        var endpoint = Endpoint($"{prefix}_{Interlocked.Increment(ref _databases)}");
        await LocalDatabaseServer.CreateDatabaseAsync(endpoint, CancellationToken.None);
        return endpoint;
    }

    public async Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            // TERM: the server shuts down; the namespace and its tmpfs go with it.
            using (var term = Process.Start("kill", ["-TERM", _server.Id.ToString()])) await term.WaitForExitAsync();
            await _server.WaitForExitAsync();
        }
        _server?.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private DatabaseEndpoint Endpoint(string database) => new() { Host = "127.0.0.1", Port = _port, User = "root", Database = database };

    private string Log(string name) => File.Exists(Path.Combine(_directory, name)) ? File.ReadAllText(Path.Combine(_directory, name)) : "";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
