using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MagentoCloud.Engine.Tests.Deploy;

/// <summary>
/// The test services' three sshd hosts (127.0.0.1-3, started by tests/infra/start.sh), read from
/// the MC_TEST_* variables, and private sshd instances a test may take down on purpose.
/// </summary>
public static class SshCluster
{
    public static IReadOnlyList<string> Hosts => Required("MC_TEST_SSH_HOSTS").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static int Port => int.Parse(Required("MC_TEST_SSH_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    public static string User => Required("MC_TEST_SSH_USER");

    public static string Key => Required("MC_TEST_SSH_KEY");

    public static string KnownHosts => Required("MC_TEST_SSH_KNOWN_HOSTS");

    /// <summary>The folder that holds one folder per host address (MC_TEST_HOST_ROOTS' parent).</summary>
    public static string HostRootsParent =>
        Path.GetDirectoryName(Required("MC_TEST_HOST_ROOTS").Split(' ', StringSplitOptions.RemoveEmptyEntries)[0].TrimEnd('/'))!;

    public static string Address(string host, int? port = null) => $"{User}@{host}:{port ?? Port}";

    private static string Required(string name) =>
        System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: these tests need the test services. Run: bash tests/infra/start.sh DIR && source DIR/services.env");

    /// <summary>
    /// Starts one more sshd for <paramref name="host"/> on a free port, in the foreground, so the
    /// test can kill it and every session it serves (a host going down, a connection dropping).
    /// Returns it with a known_hosts file that trusts it and the shared hosts.
    /// </summary>
    public static PrivateSshd StartPrivate(string host, string directory) => StartPrivate(host, directory, FreePort(host));

    internal static PrivateSshd StartPrivate(string host, string directory, int port)
    {
        var sshDirectory = Path.GetDirectoryName(Key)!;
        var config = Path.Combine(sshDirectory, $"sshd-{host}.conf");
        Directory.CreateDirectory(directory);
        var psi = new ProcessStartInfo("/usr/sbin/sshd") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in new[] { "-D", "-f", config, "-o", $"Port={port}", "-o", $"PidFile={Path.Combine(directory, "sshd.pid")}", "-E", Path.Combine(directory, "sshd.log") })
            psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!Listening(host, port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"The private sshd for {host}:{port} did not start: {process.StandardError.ReadToEnd()}");
            Thread.Sleep(50);
        }
        var hostKey = File.ReadAllText(Path.Combine(sshDirectory, $"host-{host}.pub")).Split(' ');
        var knownHosts = Path.Combine(directory, "known_hosts");
        File.WriteAllText(knownHosts, File.ReadAllText(KnownHosts) + $"[{host}]:{port} {hostKey[0]} {hostKey[1]}\n");
        return new PrivateSshd(process, host, port, directory, knownHosts);
    }

    private static int FreePort(string host)
    {
        var listener = new TcpListener(IPAddress.Parse(host), 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static bool Listening(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Parse(host), port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>An sshd a test owns: <see cref="Kill"/> takes it down with every session it serves.</summary>
public sealed class PrivateSshd(Process process, string host, int port, string directory, string knownHosts) : IDisposable
{
    public string Host { get; } = host;

    public int Port { get; } = port;

    /// <summary>Its pid file, log and known_hosts.</summary>
    public string Directory { get; } = directory;

    /// <summary>Trusts this sshd and the shared test hosts.</summary>
    public string KnownHosts { get; } = knownHosts;

    public string Address => SshCluster.Address(Host, Port);

    /// <summary>The listener and its session processes, at once: the host is gone, open connections drop.</summary>
    public void Kill()
    {
        lock (process)
        {
            if (_killed) return;
            _killed = true;
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* gone already */ }
            process.WaitForExit();
        }
    }

    /// <summary>The host back up after <see cref="Kill"/>: a new sshd on the same address and port.</summary>
    public PrivateSshd Restart() => SshCluster.StartPrivate(Host, Directory, Port);

    private bool _killed;

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
