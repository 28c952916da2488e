using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Services;

/// <summary>
/// The local default's private Redis server of one environment: the machine's own redis-server,
/// unprivileged, on 127.0.0.1 (and a unix socket under the project when the path is short enough),
/// its config, pid, log and password under <c>.magento/local/redis/&lt;environment&gt;/</c>. ece-tools
/// uses databases 0, 1 and 2 of a relationship's server, so each environment has a server of its own.
/// It keeps nothing on disk (a cache and sessions of a developer's copy), outlives the session that
/// started it (its own session group), and is stopped with its environment.
/// </summary>
public sealed class LocalRedisServer
{
    public const string Program = "redis-server";

    private readonly string _directory;
    private readonly string _webPortFile;

    public LocalRedisServer(string localDirectory, string environment)
    {
        Environment = environment;
        _webPortFile = Path.Combine(localDirectory, "web", "port");
        _directory = Path.Combine(localDirectory, "redis", EnvironmentDatabase.LocalDatabaseName(environment));
    }

    public string Environment { get; }

    private string ConfigFile => Path.Combine(_directory, "redis.conf");
    private string StateFile => Path.Combine(_directory, "server.json");
    private string PidFile => Path.Combine(_directory, "redis.pid");
    private string LogFile => Path.Combine(_directory, "redis.log");
    private string SocketPath => Path.Combine(_directory, "redis.sock");

    /// <summary>True when this machine has redis-server (Debian: apt-get install redis-server).</summary>
    public static bool IsInstalled => FindProgram() is not null;

    /// <summary>True when the server runs (its pid is alive and is this server).</summary>
    public bool IsRunning => RunningProcess() is not null;

    /// <summary>Where the server listens and its password, when it has run; it may not run now.</summary>
    public (int Port, string Password)? Known => ReadState() is { } s ? (s.Port, s.Password) : null;

    /// <summary>Starts the server if it does not run; returns where the environment's code reaches it.</summary>
    public async Task<(string Host, int Port, string Password)> EnsureRunningAsync(IOperationObserver observer, CancellationToken cancellationToken)
    {
        var program = FindProgram() ?? throw new CloudException(CloudErrorId.ServiceUnavailable,
            "The local default needs redis-server for a Redis relationship, which this machine lacks. Install it " +
            "(on Debian or Ubuntu: apt-get install redis-server), or point the service at a server in .magento/topology.yaml.", Program);
        PrivateServerFiles.CreateFolder(_directory);
        using var startLock = await StartLock.AcquireAsync(_directory, cancellationToken).ConfigureAwait(false);
        var state = ReadState();
        if (state is not null && IsRunning && await AnswersAsync(state.Port, state.Password, cancellationToken).ConfigureAwait(false))
            return ("127.0.0.1", state.Port, state.Password);

        // The same port as before when it is free: deployed releases' relationships name it (a restart after a reboot keeps them right).
        state = new ServerState(state is not null && PrivateServerFiles.IsFree(state.Port) && state.Port != WebPort() ? state.Port : PrivateServerFiles.FreePort(WebPort()),
            state?.Password ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant());
        PrivateServerFiles.WriteSecret(StateFile, JsonSerializer.Serialize(state));
        // The password lives in the config file (readable only by this user), never on a command line.
        PrivateServerFiles.WriteSecret(ConfigFile, string.Join('\n',
        [
            "bind 127.0.0.1",
            $"port {state.Port}",
            .. SocketPath.Length < 100 ? new[] { $"unixsocket {SocketPath}", "unixsocketperm 700" } : [],
            "protected-mode yes",
            "daemonize no",
            "set-proc-title no",
            $"pidfile {PidFile}",
            $"logfile {LogFile}",
            $"dir {_directory}",
            "save \"\"",
            "appendonly no",
            "databases 16",
            $"requirepass {state.Password}",
        ]) + "\n");
        observer.Log($"Starting {Environment}'s local Redis server on 127.0.0.1:{state.Port}");
        // setsid: its own session, so the console's Ctrl+C never reaches it; it logs to its own file.
        var start = new ProcessStartInfo("sh") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", "exec setsid \"$@\" </dev/null >/dev/null 2>&1", "sh", program, ConfigFile })
            start.ArgumentList.Add(argument);
        using (Process.Start(start) ?? throw Broken("setsid could not be started")) { }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await AnswersAsync(state.Port, state.Password, cancellationToken).ConfigureAwait(false) && IsRunning)
                return ("127.0.0.1", state.Port, state.Password);
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
        throw Broken($"it did not answer within 20 seconds. Its log: {LogFile}");
    }

    /// <summary>Empties the given databases (0 sessions, 1 cache, 2 page cache) when the server runs; false when it does not (it keeps nothing on disk).</summary>
    public async Task<bool> FlushAsync(IEnumerable<int> databases, CancellationToken cancellationToken)
    {
        if (ReadState() is not { } state || !IsRunning) return false;
        await using var connection = await RedisConnection.OpenAsync("127.0.0.1", state.Port, state.Password, cancellationToken).ConfigureAwait(false);
        foreach (var database in databases)
        {
            await connection.CommandAsync(cancellationToken, "SELECT", database.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
            await connection.CommandAsync(cancellationToken, "FLUSHDB").ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>Stops the server if it runs; returns whether it did.</summary>
    public async Task<bool> StopAsync(CancellationToken cancellationToken)
    {
        if (RunningProcess() is not { } process) return false;
        using (process)
        {
            process.Kill(); // it keeps nothing on disk: nothing to shut down cleanly
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>Stops the server and deletes its folder (config, password, log): the environment holds no Redis any more.</summary>
    public async Task<bool> RemoveAsync(CancellationToken cancellationToken)
    {
        var stopped = await StopAsync(cancellationToken).ConfigureAwait(false);
        var existed = Directory.Exists(_directory);
        if (existed) Directory.Delete(_directory, recursive: true);
        return stopped || existed;
    }

    private Process? RunningProcess() => PidFileProcess.Find(PidFile, ConfigFile);

    private static async Task<bool> AnswersAsync(int port, string password, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await RedisConnection.OpenAsync("127.0.0.1", port, password, cancellationToken).ConfigureAwait(false);
            return await connection.CommandAsync(cancellationToken, "PING").ConfigureAwait(false) == "PONG";
        }
        catch (Exception e) when (e is SocketException or IOException or CloudException)
        {
            return false;
        }
    }

    private ServerState? ReadState() => PrivateServerFiles.ReadJson<ServerState>(StateFile);

    private int? WebPort() => PrivateServerFiles.ReadPort(_webPortFile);

    private static string? FindProgram()
    {
        var path = System.Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator).Concat(["/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin"])
            .Where(f => f.Length > 0).Select(f => Path.Combine(f, Program)).FirstOrDefault(File.Exists);
    }

    private CloudException Broken(string why) => new(CloudErrorId.ServiceUnavailable,
        $"{Environment}'s local Redis server under {_directory} could not be started: {why}", _directory);

    private sealed record ServerState(int Port, string Password);
}
