using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using MySqlConnector;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// The local default's private MariaDB server: started on demand from the machine's own mariadbd,
/// with its data, socket and credentials under the project's .magento/local/mysql/, listening on
/// 127.0.0.1 only. It outlives the PowerShell session that started it (its own session group), so
/// Ctrl+C in the console never takes it down half-way; <see cref="StopAsync"/> stops it.
/// Two kinds of account: the engine's administrative one (<c>magento</c>, every right, its password
/// only in the credentials file), which no application sees; and one per environment, named after
/// its database, with rights on that database only (what the environment's hooks and code get).
/// </summary>
public sealed class LocalDatabaseServer
{
    private const string AdminUser = "magento";
    private readonly string _directory;

    public LocalDatabaseServer(string localDirectory)
    {
        _directory = Path.Combine(localDirectory, "mysql");
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>The server's own temporary folder: a shared one is open to whatever else cleans it.</summary>
    private string TempDirectory => Path.Combine(_directory, "tmp");
    private string StateFile => Path.Combine(_directory, "server.json");
    private string PidFile => Path.Combine(_directory, "mariadbd.pid");
    private string LogFile => Path.Combine(_directory, "mariadbd.log");
    private string SocketPath => Path.Combine(_directory, "mariadbd.sock");

    /// <summary>Unix sockets have a short path limit; a deep project folder falls back to TCP only.</summary>
    private string? UsableSocket => SocketPath.Length < 100 ? SocketPath : null;

    /// <summary>Starts the server if it is not running, and returns an endpoint for the named database.</summary>
    public async Task<DatabaseEndpoint> EnsureRunningAsync(string database, IOperationObserver observer, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(TempDirectory);
        // One starter at a time, across processes: a second caller waits and then finds it running.
        using var startLock = await StartLock.AcquireAsync(_directory, cancellationToken).ConfigureAwait(false);
        var state = ReadState();
        if (state is not null && IsRunning() && await AnswersAsync(state, cancellationToken).ConfigureAwait(false))
            return Endpoint(await SeparateAccountsAsync(state, cancellationToken).ConfigureAwait(false), database);

        var first = !Directory.Exists(Path.Combine(DataDirectory, "mysql"));
        if (first)
        {
            observer.Log("Initializing the local MariaDB data directory");
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        var port = FreePort();
        observer.Log($"Starting the local MariaDB server on 127.0.0.1:{port}");
        StartServer(port);
        if (first)
        {
            state = new ServerState(port, RandomSecret(), CurrentAccounts);
            await WaitUntilReadyAsync(RootConnectionString(port), cancellationToken).ConfigureAwait(false);
            await CreateAdminUserAsync(port, state.Password, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            state = (state ?? throw Broken("its credentials file is missing")) with { Port = port };
        }
        WriteState(state);
        await WaitUntilReadyAsync(ConnectionString(state), cancellationToken).ConfigureAwait(false);
        return Endpoint(await SeparateAccountsAsync(state, cancellationToken).ConfigureAwait(false), database);
    }

    /// <summary>
    /// The environment's own account for <paramref name="admin"/>'s database, made (or its password and
    /// rights set again) by the administrative account: rights on that one database, nothing else.
    /// </summary>
    public static async Task<DatabaseEndpoint> EnsureEnvironmentAccountAsync(DatabaseEndpoint admin, CancellationToken cancellationToken)
    {
        var account = admin with { User = EnvironmentUser(admin.Database), Password = EnvironmentPassword(admin.Password, admin.Database) };
        await using var connection = new MySqlConnection(ConnectionString(admin with { Database = "" }));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var text = new System.Text.StringBuilder();
        foreach (var host in new[] { "127.0.0.1", "localhost" })
        {
            var user = $"{QuoteString(account.User)}@'{host}'";
            text.Append($"CREATE USER IF NOT EXISTS {user} IDENTIFIED BY @password;")
                .Append($"ALTER USER {user} IDENTIFIED BY @password;")
                // In GRANT, _ and % in a database name are wildcards: escaped, env_a_b never matches env_axb.
                .Append($"GRANT ALL PRIVILEGES ON {QuoteIdentifier(EscapeGrantPattern(admin.Database))}.* TO {user};");
        }
        command.CommandText = text.ToString();
        command.Parameters.AddWithValue("@password", account.Password);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return account;
    }

    /// <summary>
    /// The passwords this machine's credentials file gives for <paramref name="database"/> (the
    /// administrative one and the environment's), without starting the server: what to blank out of logs.
    /// </summary>
    public IReadOnlyList<string> KnownPasswords(string database)
    {
        try
        {
            return ReadState() is { } state ? [state.Password, EnvironmentPassword(state.Password, database)] : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return [];
        }
    }

    /// <summary>An environment's account is named after its database (at most 64 characters, within MariaDB's 80).</summary>
    internal static string EnvironmentUser(string database) => database;

    /// <summary>Derived from the administrative password, so it needs no file of its own and changes when that one does.</summary>
    private static string EnvironmentPassword(string adminPassword, string database) =>
        Convert.ToHexString(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(adminPassword),
            System.Text.Encoding.UTF8.GetBytes("environment-account:" + database)))[..40].ToLowerInvariant();

    private static string EscapeGrantPattern(string name) => name.Replace("\\", "\\\\").Replace("_", "\\_").Replace("%", "\\%");

    private static string QuoteString(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "''") + "'";

    /// <summary>The accounts' layout this version makes; older servers gave the administrative password to applications.</summary>
    private const int CurrentAccounts = 1;

    /// <summary>
    /// A server made before environments had their own accounts gave every application the
    /// administrative password: it gets a new one, so only the engine knows it.
    /// </summary>
    private async Task<ServerState> SeparateAccountsAsync(ServerState state, CancellationToken cancellationToken)
    {
        if (state.Accounts >= CurrentAccounts) return state;
        var rotated = state with { Password = RandomSecret(), Accounts = CurrentAccounts };
        await using (var connection = new MySqlConnection(ConnectionString(state)))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"ALTER USER '{AdminUser}'@'127.0.0.1' IDENTIFIED BY @password; ALTER USER '{AdminUser}'@'localhost' IDENTIFIED BY @password;";
            command.Parameters.AddWithValue("@password", rotated.Password);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        WriteState(rotated);
        return rotated;
    }

    /// <summary>True when the server's data directory holds the database, whether or not the server runs (it is not started).</summary>
    public bool HasDatabase(string database) => Directory.Exists(Path.Combine(DataDirectory, database));

    /// <summary>Creates the database if it does not exist yet (utf8mb4, as Magento wants).</summary>
    public static async Task CreateDatabaseAsync(DatabaseEndpoint endpoint, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(ConnectionString(endpoint with { Database = "" }));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE IF NOT EXISTS {QuoteIdentifier(endpoint.Database)} CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the server if it runs; its data stays.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!IsRunning(out var process)) return;
        // SIGTERM lets InnoDB shut down cleanly; Process.Kill would send SIGKILL.
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString()])) await term.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Quotes a MariaDB identifier (database, table, column name).</summary>
    public static string QuoteIdentifier(string name) => "`" + name.Replace("`", "``") + "`";

    public static string ConnectionString(DatabaseEndpoint endpoint)
    {
        var builder = new MySqlConnectionStringBuilder
        {
            Server = endpoint.Socket ?? endpoint.Host,
            Port = (uint)endpoint.Port,
            UserID = endpoint.User,
            Password = endpoint.Password,
            Database = endpoint.Database,
            AllowUserVariables = true,
            ConnectionProtocol = endpoint.Socket is null ? MySqlConnectionProtocol.Sockets : MySqlConnectionProtocol.UnixSocket,
            Pooling = true,
        };
        return builder.ConnectionString;
    }

    private DatabaseEndpoint Endpoint(ServerState state, string database) => new()
    {
        Host = "127.0.0.1",
        Port = state.Port,
        Socket = UsableSocket,
        Database = database,
        User = AdminUser,
        Password = state.Password,
    };

    private string ConnectionString(ServerState state) => ConnectionString(Endpoint(state, ""));

    private static string RootConnectionString(int port) => new MySqlConnectionStringBuilder
    {
        Server = "127.0.0.1", Port = (uint)port, UserID = "root", Password = "", Pooling = false,
    }.ConnectionString;

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var installer = FindProgram("mariadb-install-db", "mysql_install_db");
        Directory.CreateDirectory(DataDirectory);
        var start = new ProcessStartInfo(installer) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "--no-defaults", $"--datadir={DataDirectory}", $"--tmpdir={TempDirectory}", "--auth-root-authentication-method=normal",
                     "--skip-test-db", $"--user={Environment.UserName}",
                 })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errorTask = process.StandardError.ReadToEndAsync(cancellationToken);
        var outputTask = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            Directory.Delete(DataDirectory, recursive: true); // a half-made data directory would never start
            throw Broken($"mariadb-install-db failed ({process.ExitCode}): {await errorTask}{await outputTask}");
        }
    }

    private void StartServer(int port)
    {
        var server = FindProgram("mariadbd", "mysqld");
        // setsid: the server gets its own session, so the console's Ctrl+C or the shell's exit never reach it;
        // its console output goes nowhere (it logs to its error log), so it never writes into the user's console.
        var start = new ProcessStartInfo("sh") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", "exec setsid \"$@\" </dev/null >/dev/null 2>&1", "sh", server })
            start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--no-defaults");
        start.ArgumentList.Add($"--datadir={DataDirectory}");
        start.ArgumentList.Add($"--tmpdir={TempDirectory}");
        start.ArgumentList.Add($"--port={port}");
        start.ArgumentList.Add("--bind-address=127.0.0.1");
        start.ArgumentList.Add($"--socket={UsableSocket ?? Path.Combine(Path.GetTempPath(), $"mc-{port}.sock")}");
        start.ArgumentList.Add($"--pid-file={PidFile}");
        start.ArgumentList.Add($"--log-error={LogFile}");
        // Sized for a developer's copy of a store: a buffer pool that holds a sample store, and a log
        // flushed once a second (an OS crash may lose the last second; a killed server loses nothing).
        start.ArgumentList.Add("--innodb-buffer-pool-size=1G");
        start.ArgumentList.Add("--innodb-log-file-size=256M");
        start.ArgumentList.Add("--innodb-flush-log-at-trx-commit=2");
        start.ArgumentList.Add("--max-allowed-packet=256M");
        start.ArgumentList.Add("--skip-name-resolve");
        if (Environment.UserName == "root") start.ArgumentList.Add("--user=root");
        using var process = Process.Start(start) ?? throw Broken("setsid could not be started");
    }

    private async Task WaitUntilReadyAsync(string connectionString, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await using var connection = new MySqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (MySqlException e)
            {
                last = e;
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
        throw Broken($"it did not answer within 60 seconds ({last?.Message}). Its log: {LogFile}");
    }

    private static async Task CreateAdminUserAsync(int port, string password, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(RootConnectionString(port));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // The root account stays reachable only through the socket; the project uses its own account.
        command.CommandText =
            "CREATE USER IF NOT EXISTS 'magento'@'127.0.0.1' IDENTIFIED BY @password;" +
            "CREATE USER IF NOT EXISTS 'magento'@'localhost' IDENTIFIED BY @password;" +
            "GRANT ALL PRIVILEGES ON *.* TO 'magento'@'127.0.0.1' WITH GRANT OPTION;" +
            "GRANT ALL PRIVILEGES ON *.* TO 'magento'@'localhost' WITH GRANT OPTION;" +
            "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket;" +
            "DROP USER IF EXISTS 'root'@'127.0.0.1';" +
            "FLUSH PRIVILEGES;";
        command.Parameters.AddWithValue("@password", password);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> AnswersAsync(ServerState state, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new MySqlConnection(new MySqlConnectionStringBuilder
            {
                Server = "127.0.0.1", Port = (uint)state.Port, UserID = AdminUser, Password = state.Password,
                ConnectionTimeout = 5,
            }.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MySqlException)
        {
            return false;
        }
    }

    private bool IsRunning() => IsRunning(out _);

    /// <summary>True when the server runs (its pid is alive and is this server); it is not started.</summary>
    public bool IsServerRunning => IsRunning();

    private bool IsRunning(out Process process)
    {
        process = PidFileProcess.Find(PidFile, $"--datadir={DataDirectory}")!;
        return process is not null;
    }

    private ServerState? ReadState() =>
        File.Exists(StateFile) ? JsonSerializer.Deserialize<ServerState>(File.ReadAllText(StateFile)) : null;

    private void WriteState(ServerState state)
    {
        var temporary = StateFile + ".tmp";
        File.WriteAllText(temporary, "");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(temporary, JsonSerializer.Serialize(state));
        File.Move(temporary, StateFile, overwrite: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RandomSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    private static string FindProgram(params string[] names)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var folders = path.Split(Path.PathSeparator).Concat(["/usr/sbin", "/usr/local/sbin", "/usr/bin"]);
        foreach (var name in names)
            foreach (var folder in folders)
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate)) return candidate;
            }
        throw new CloudException(
            CloudErrorId.DatabaseUnavailable,
            $"The local default needs MariaDB's '{names[0]}', which this machine lacks. Install MariaDB " +
            "(on Debian or Ubuntu: apt-get install mariadb-server mariadb-client), or point the environment " +
            "at a database server in .magento/topology.yaml.",
            target: names[0]);
    }

    private CloudException Broken(string why) => new(
        CloudErrorId.DatabaseUnavailable,
        $"The local MariaDB server under {_directory} could not be started: {why}",
        target: _directory);

    private sealed record ServerState(int Port, string Password, int Accounts = 0);
}
