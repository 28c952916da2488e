using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MagentoCloud.Engine.Data;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Services;

/// <summary>
/// The local default's private RabbitMQ node of a project (Debian's rabbitmq-server), run as this user with
/// everything under <c>.magento/local/rabbitmq/</c>: its data, logs, config, Erlang cookie (its HOME), and an
/// epmd of its own on its own port; every listener on 127.0.0.1. Each active environment has a vhost of its
/// own and a user whose password (kept in a 0600 file) can use that vhost only; passwords reach rabbitmqctl on
/// its standard input, never on a command line. Erlang takes seconds to start, so the node is started once,
/// when a relationship needs it, and keeps running for later deploys.
/// </summary>
public sealed class LocalRabbitMqServer
{
    public const string Program = "rabbitmq-server";

    /// <summary>Debian's /usr/sbin wrappers switch to the rabbitmq user when run as root; the scripts behind them run as the caller.</summary>
    private const string BinFolder = "/usr/lib/rabbitmq/bin";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _directory;
    private readonly string _webPortFile;
    private readonly bool _management;

    /// <param name="management">Also serve the HTTP management API on 127.0.0.1 (see <see cref="ManagementPort"/>): as a stand-in for a topology's server.</param>
    public LocalRabbitMqServer(string localDirectory, bool management = false)
    {
        _management = management;
        _directory = Path.Combine(Path.GetFullPath(localDirectory), "rabbitmq");
        _webPortFile = Path.Combine(localDirectory, "web", "port");
        // One node a project: named after its folder, so two projects on a machine never meet.
        Node = "mc-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(_directory)))[..12].ToLowerInvariant() + "@localhost";
    }

    public string Node { get; }

    private string StateFile => Path.Combine(_directory, "node.json");
    private string PidFile => Path.Combine(_directory, "rabbitmq.pid");
    private string ConfigFile => Path.Combine(_directory, "rabbitmq.conf");
    private string UsersFolder => Path.Combine(_directory, "users");

    /// <summary>True when this machine has Debian's rabbitmq-server (apt-get install rabbitmq-server).</summary>
    public static bool IsInstalled => File.Exists(Path.Combine(BinFolder, Program)) && File.Exists(Path.Combine(BinFolder, "rabbitmqctl"));

    /// <summary>True when the node runs (its pid is alive and runs with this folder as its home).</summary>
    public bool IsRunning
    {
        get
        {
            using var process = RunningProcess();
            return process is not null;
        }
    }

    /// <summary>The AMQP port, when the node has run; it may not run now.</summary>
    public int? Port => ReadState()?.Port;

    /// <summary>The management API's port, when the node was made with it.</summary>
    public int? ManagementPort => ReadState()?.ManagementPort;

    /// <summary>An environment's user and password, when it has one.</summary>
    public (string User, string Password)? Known(string environment) =>
        PrivateServerFiles.ReadJson<UserState>(UserFile(environment)) is { } u ? (u.User, u.Password) : null;

    /// <summary>Starts the node if it does not run; the port it listens on (127.0.0.1).</summary>
    public async Task<int> EnsureRunningAsync(IOperationObserver observer, CancellationToken cancellationToken)
    {
        if (!IsInstalled)
            throw new CloudException(CloudErrorId.ServiceUnavailable,
                "The local default needs rabbitmq-server for a RabbitMQ relationship, which this machine lacks. Install it " +
                "(on Debian or Ubuntu: apt-get install rabbitmq-server), or point the service at a server in .magento/topology.yaml.", Program);
        PrivateServerFiles.CreateFolder(_directory);
        using var startLock = await StartLock.AcquireAsync(_directory, cancellationToken).ConfigureAwait(false);
        var state = ReadState();
        if (state is not null && IsRunning) return state.Port;

        // The same AMQP port as before when it is free: deployed releases' relationships name it.
        var ports = FreePorts(state is not null && PrivateServerFiles.IsFree(state.Port) ? state.Port : null);
        state = new NodeState(ports[0], ports[1], ports[2], _management ? ports[3] : null);
        PrivateServerFiles.WriteSecret(StateFile, JsonSerializer.Serialize(state));
        PrivateServerFiles.WriteSecret(ConfigFile, $"listeners.tcp.1 = 127.0.0.1:{state.Port}\nlog.console = false\n" +
            (state.ManagementPort is { } management ? $"management.tcp.ip = 127.0.0.1\nmanagement.tcp.port = {management}\n" : ""));
        PrivateServerFiles.WriteSecret(Path.Combine(_directory, "enabled_plugins"), _management ? "[rabbitmq_management].\n" : "[].\n");
        Directory.CreateDirectory(Path.Combine(_directory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(_directory, "log"));
        observer.Log($"Starting the project's local RabbitMQ node on 127.0.0.1:{state.Port} (Erlang takes a few seconds)");
        // setsid: its own session, so the console's Ctrl+C never reaches it.
        var start = new ProcessStartInfo("sh") { UseShellExecute = false, WorkingDirectory = _directory };
        foreach (var argument in new[] { "-c", "exec setsid \"$0\" </dev/null >>\"$HOME/start.log\" 2>&1", Path.Combine(BinFolder, Program) })
            start.ArgumentList.Add(argument);
        Environment(start, state);
        start.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia");
        start.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log");
        start.Environment["RABBITMQ_CONFIG_FILE"] = ConfigFile;
        start.Environment["RABBITMQ_PID_FILE"] = PidFile;
        start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins");
        start.Environment["RABBITMQ_DIST_PORT"] = state.DistributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = LoopbackOnly;
        using (Process.Start(start) ?? throw Broken("setsid could not be started")) { }

        // The node registers with its epmd only after a while: until then rabbitmqctl says it does not run.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var ready = await ControlAsync(["await_startup", "--timeout", "10"], null, cancellationToken).ConfigureAwait(false);
            if (ready.ExitCode == 0) break;
            if (clock.Elapsed > StartTimeout)
                throw Broken($"it did not start within {StartTimeout.TotalSeconds:0} seconds ({Last(ready)}). Its logs: {Path.Combine(_directory, "log")}");
            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
        // Only the environments' own users: the default guest account goes.
        await ControlAsync(["delete_user", "guest"], null, cancellationToken).ConfigureAwait(false);
        return state.Port;
    }

    /// <summary>
    /// The environment's vhost and user, made when missing (the node must run). The vhost is named after the
    /// environment; the user may configure, write and read in it only.
    /// </summary>
    public async Task<(string Vhost, string User, string Password)> EnsureVhostAsync(string environment, CancellationToken cancellationToken)
    {
        var vhost = environment;
        var user = Known(environment) ?? (environment, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant());
        PrivateServerFiles.CreateFolder(UsersFolder);
        PrivateServerFiles.WriteSecret(UserFile(environment), JsonSerializer.Serialize(new UserState(user.User, user.Password)));
        var vhosts = await ControlCheckedAsync(["list_vhosts", "--no-table-headers"], null, cancellationToken).ConfigureAwait(false);
        if (!Lines(vhosts).Contains(vhost)) await ControlCheckedAsync(["add_vhost", vhost], null, cancellationToken).ConfigureAwait(false);
        var users = await ControlCheckedAsync(["list_users", "--no-table-headers"], null, cancellationToken).ConfigureAwait(false);
        // The password goes on standard input: rabbitmqctl reads it there when the argument is left out.
        if (Lines(users).Select(l => l.Split('\t')[0]).Contains(user.User))
            await ControlCheckedAsync(["change_password", user.User], user.Password, cancellationToken).ConfigureAwait(false);
        else
            await ControlCheckedAsync(["add_user", user.User], user.Password, cancellationToken).ConfigureAwait(false);
        await ControlCheckedAsync(["set_permissions", "-p", vhost, user.User, ".*", ".*", ".*"], null, cancellationToken).ConfigureAwait(false);
        return (vhost, user.User, user.Password);
    }

    /// <summary>Deletes the environment's vhost (its queues and messages) and user; false when it had none.</summary>
    public async Task<bool> RemoveVhostAsync(string environment, IOperationObserver observer, CancellationToken cancellationToken)
    {
        if (Known(environment) is not { } user) return false;
        await EnsureRunningAsync(observer, cancellationToken).ConfigureAwait(false);
        await ControlAsync(["delete_vhost", environment], null, cancellationToken).ConfigureAwait(false);
        await ControlAsync(["delete_user", user.User], null, cancellationToken).ConfigureAwait(false);
        File.Delete(UserFile(environment));
        return true;
    }

    /// <summary>Stops the node (cleanly: its queues are kept) and its epmd; false when it did not run.</summary>
    public async Task<bool> StopAsync(CancellationToken cancellationToken)
    {
        if (RunningProcess() is not { } process) return false;
        using (process)
        {
            var stop = await ControlAsync(["stop"], null, cancellationToken).ConfigureAwait(false);
            if (stop.ExitCode != 0 && !process.HasExited) process.Kill();
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        // Its epmd outlives it: the one on this node's port is told to go.
        if (ReadState() is { } state)
        {
            var epmd = new ProcessStartInfo("epmd") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            epmd.ArgumentList.Add("-kill");
            Environment(epmd, state);
            try
            {
                using var kill = Process.Start(epmd);
                if (kill is not null) await kill.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (System.ComponentModel.Win32Exception) { /* epmd not on PATH: it ends with the machine */ }
        }
        return true;
    }

    /// <summary>Distinct free ports (AMQP, epmd, distribution, management), the first <paramref name="amqp"/> when given; never the web port.</summary>
    private int[] FreePorts(int? amqp)
    {
        var web = PrivateServerFiles.ReadPort(_webPortFile);
        var ports = new List<int>();
        if (amqp is { } kept) ports.Add(kept);
        while (ports.Count < (_management ? 4 : 3))
        {
            var port = PrivateServerFiles.FreePort(web);
            if (!ports.Contains(port)) ports.Add(port);
        }
        return ports.ToArray();
    }

    private Process? RunningProcess() => PidFileProcess.Find(PidFile, _directory);

    private const string LoopbackOnly = "-kernel inet_dist_use_interface {127,0,0,1}";

    /// <summary>What the node and its CLI share: the node name, the home holding the cookie, the epmd's port and address.</summary>
    private void Environment(ProcessStartInfo start, NodeState state)
    {
        start.Environment["HOME"] = _directory;
        start.Environment["RABBITMQ_NODENAME"] = Node;
        start.Environment["ERL_EPMD_PORT"] = state.EpmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_CTL_ERL_ARGS"] = LoopbackOnly;
    }

    /// <summary>rabbitmqctl against this node (a password goes in <paramref name="input"/>, never in the arguments).</summary>
    public async Task<CommandResult> ControlAsync(IReadOnlyList<string> arguments, string? input, CancellationToken cancellationToken)
    {
        var state = ReadState() ?? throw Broken("it has never been started");
        var control = new ProcessStartInfo(Path.Combine(BinFolder, "rabbitmqctl"))
        {
            UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        foreach (var argument in new[] { "-n", Node, "-q" }.Concat(arguments)) control.ArgumentList.Add(argument);
        Environment(control, state);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(control) ?? throw Broken("rabbitmqctl could not be started");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (input is not null) await process.StandardInput.WriteAsync(input).ConfigureAwait(false);
        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return new CommandResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false), clock.Elapsed);
    }

    private async Task<string> ControlCheckedAsync(IReadOnlyList<string> arguments, string? input, CancellationToken cancellationToken)
    {
        var result = await ControlAsync(arguments, input, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0) throw Broken($"rabbitmqctl {arguments[0]} failed ({Last(result)})");
        return result.Output;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Last(CommandResult result) =>
        Lines(result.Error + "\n" + result.Output).FirstOrDefault(l => l.StartsWith("Error", StringComparison.Ordinal)) ?? $"exit {result.ExitCode}";

    private string UserFile(string environment) => Path.Combine(UsersFolder, EnvironmentDatabase.LocalDatabaseName(environment) + ".json");

    private NodeState? ReadState() => PrivateServerFiles.ReadJson<NodeState>(StateFile);

    private CloudException Broken(string why) => new(CloudErrorId.ServiceUnavailable,
        $"The project's local RabbitMQ node under {_directory} could not be used: {why}", _directory);

    private sealed record NodeState(int Port, int EpmdPort, int DistributionPort, int? ManagementPort = null);

    private sealed record UserState(string User, string Password);
}
