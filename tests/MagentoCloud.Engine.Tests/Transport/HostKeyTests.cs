using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MagentoCloud.Engine.Tests.Infrastructure;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Tests.Transport;

[Collection(TestServicesCollection.Name)]
public sealed class HostKeyTests(TestServices services) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mc-hostkeys-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string KnownHostsLine(int host) =>
        File.ReadLines(services.KnownHosts).Single(l => l.StartsWith($"[{services.SshHosts[host]}]:"));

    private async Task<CommandResult> ConnectAsync(SshConnectionInfo info)
    {
        await using var ssh = new SshTransport(info);
        return await ssh.RunAsync(CommandRequest.Command("true"));
    }

    [Fact]
    public async Task An_unknown_host_is_refused_with_its_fingerprint_and_how_to_accept_it()
    {
        var knownHosts = Path.Combine(_dir, "known_hosts");
        File.WriteAllText(knownHosts, "");

        var e = await Assert.ThrowsAsync<CloudException>(() => ConnectAsync(services.Connection(0, knownHosts)));

        Assert.Equal(CloudErrorId.HostKeyUnknown, e.Id);
        var fingerprint = Run("ssh-keygen", "-l", "-f", services.KnownHosts).Split('\n')
            .Single(l => l.Contains($"[{services.SshHosts[0]}]:")).Split(' ')[1];
        Assert.StartsWith("SHA256:", fingerprint);
        Assert.Contains(fingerprint, e.Message);
        Assert.Contains(services.SshHosts[0], e.Message);
        Assert.Contains("Add-CloudKnownHost", e.Message);
        Assert.Equal("", File.ReadAllText(knownHosts));
    }

    [Fact]
    public async Task A_changed_host_key_is_refused_even_when_new_keys_are_accepted()
    {
        var knownHosts = Path.Combine(_dir, "known_hosts");
        var otherKey = KnownHostsLine(1).Split(' ', 2)[1];
        File.WriteAllText(knownHosts, $"[{services.SshHosts[0]}]:{services.SshPort} {otherKey}\n");

        var e = await Assert.ThrowsAsync<CloudException>(() => ConnectAsync(services.Connection(0, knownHosts, acceptNew: true)));

        Assert.Equal(CloudErrorId.HostKeyChanged, e.Id);
        Assert.Contains("ssh-keygen -R", e.Message);
        Assert.Single(File.ReadAllLines(knownHosts));
    }

    [Fact]
    public async Task A_hashed_known_hosts_entry_is_accepted()
    {
        var knownHosts = Path.Combine(_dir, "known_hosts");
        File.Copy(services.KnownHosts, knownHosts);
        Run("ssh-keygen", "-H", "-f", knownHosts);
        Assert.All(File.ReadAllLines(knownHosts), l => Assert.StartsWith("|1|", l));

        var result = await ConnectAsync(services.Connection(2, knownHosts));

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Comma_lists_of_names_match()
    {
        var knownHosts = Path.Combine(_dir, "known_hosts");
        var key = KnownHostsLine(0).Split(' ', 2)[1];
        File.WriteAllText(knownHosts, $"# comment\nother.example,[{services.SshHosts[0]}]:{services.SshPort} {key}\n");

        Assert.Equal(0, (await ConnectAsync(services.Connection(0, knownHosts))).ExitCode);
    }

    [Fact]
    public async Task Accepting_a_new_host_appends_its_key_once()
    {
        var knownHosts = Path.Combine(_dir, "sub", "known_hosts");

        Assert.Equal(0, (await ConnectAsync(services.Connection(0, knownHosts, acceptNew: true))).ExitCode);
        Assert.Equal(0, (await ConnectAsync(services.Connection(0, knownHosts))).ExitCode);

        Assert.Equal([KnownHostsLine(0)], File.ReadAllLines(knownHosts));
    }

    [Fact]
    public async Task A_host_nobody_listens_on_is_unreachable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var info = new SshConnectionInfo(new SshHost(services.SshUser, "127.0.0.1", port))
        {
            PrivateKeyPaths = [services.SshKey], KnownHostsPath = services.KnownHosts,
        };

        var e = await Assert.ThrowsAsync<CloudException>(() => ConnectAsync(info));

        Assert.Equal(CloudErrorId.HostUnreachable, e.Id);
        Assert.Contains($"port {port}", e.Message);
    }

    [Fact]
    public async Task A_key_the_host_does_not_know_fails_authentication()
    {
        var key = Path.Combine(_dir, "stranger");
        Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key);
        var info = new SshConnectionInfo(services.Host(0)) { PrivateKeyPaths = [key], KnownHostsPath = services.KnownHosts };

        var e = await Assert.ThrowsAsync<CloudException>(() => ConnectAsync(info));

        Assert.Equal(CloudErrorId.AuthenticationFailed, e.Id);
        Assert.Contains(key, e.Message);
    }

    private static string Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return output;
    }
}
