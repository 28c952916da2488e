using System.Text;
using MagentoCloud.Engine.Tests.Infrastructure;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Tests.Transport;

[Collection(TestServicesCollection.Name)]
public sealed class SshTransportTests(TestServices services)
{
    [Fact]
    public async Task A_command_runs_on_each_of_the_three_hosts()
    {
        for (var i = 0; i < services.SshHosts.Count; i++)
        {
            await using var ssh = new SshTransport(services.Connection(i));
            var result = await ssh.RunAsync(CommandRequest.Shell("echo \"$SSH_CONNECTION\" | cut -d' ' -f3"));

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(services.SshHosts[i], result.Output.Trim());
            Assert.Equal($"{services.SshUser}@{services.SshHosts[i]}:{services.SshPort}", ssh.Host);
        }
    }

    [Fact]
    public async Task Each_host_writes_into_its_own_host_root()
    {
        var name = $"probe-{Guid.NewGuid():N}";
        for (var i = 0; i < services.SshHosts.Count; i++)
        {
            await using var ssh = new SshTransport(services.Connection(i));
            await ssh.WriteTextAsync($"{services.HostRoots[i]}/{name}", services.SshHosts[i]);
        }
        for (var i = 0; i < services.SshHosts.Count; i++)
        {
            var path = Path.Combine(services.HostRoots[i], name);
            Assert.Equal(services.SshHosts[i], File.ReadAllText(path));
            File.Delete(path);
        }
    }

    [Fact]
    public async Task The_remote_side_sees_exactly_the_bytes_of_each_argument()
    {
        await using var ssh = new SshTransport(services.Connection(0));
        foreach (var word in TransportContract.HostileWords)
        {
            using var sink = new MemoryStream();
            await ssh.RunAsync(new CommandRequest { Arguments = ["printf", "%s", word], StandardOutput = sink });
            Assert.Equal(Encoding.UTF8.GetBytes(word), sink.ToArray());
        }
    }

    [Fact]
    public async Task A_secret_in_the_environment_never_appears_on_a_remote_command_line()
    {
        var secret = $"s3cret-{Guid.NewGuid():N}";
        var root = services.HostRoots[0];
        var listing = $"{root}/cmdlines-{Guid.NewGuid():N}";
        await using var ssh = new SshTransport(services.Connection(0));

        // While the command runs, record every process's command line on the host.
        var result = await ssh.RunAsync(new CommandRequest
        {
            Script = $"for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < \"$f\"; echo; done > {ShellQuote.Quote(listing)} 2>/dev/null; " +
                     "printf '%s' \"$MC_DB_PASSWORD\"",
            Environment = new Dictionary<string, string> { ["MC_DB_PASSWORD"] = secret },
        });

        Assert.Equal(secret, result.Output);
        var cmdlines = File.ReadAllText(listing);
        File.Delete(listing);
        Assert.Contains("/proc/[0-9]*/cmdline", cmdlines); // the listing did see our own shell
        Assert.DoesNotContain(secret, cmdlines);
        // Nor is it left in a file on the host (other runs' files may come and go there meanwhile).
        var leftovers = await ssh.RunAsync(CommandRequest.Command("sh", "-c", "grep -l -F -e \"$1\" /tmp/.magentocloud-* 2>/dev/null | wc -l", "sh", secret));
        Assert.Equal("0", leftovers.Output.Trim());
    }

    [Fact]
    public async Task A_streaming_commands_environment_comes_ahead_of_its_input_and_never_reaches_a_command_line_or_a_file()
    {
        var secret = $"s3cret-{Guid.NewGuid():N}";
        var listing = $"{services.HostRoots[0]}/cmdlines-{Guid.NewGuid():N}";
        await using var ssh = new SshTransport(services.Connection(0));
        var environment = new Dictionary<string, string> { ["MC_DB_PASSWORD"] = secret, ["MC_QUOTED"] = "it's \"quoted\"\nand $HOME" };

        // A stream in and a stream out: an exec channel of its own, as a database import or dump gets.
        var sink = new MemoryStream();
        var streamed = await ssh.RunAsync(new CommandRequest
        {
            Script = $"for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < \"$f\"; echo; done > {ShellQuote.Quote(listing)} 2>/dev/null; " +
                     "printf '%s|%s|' \"$MC_DB_PASSWORD\" \"$MC_QUOTED\"; cat",
            Environment = environment,
            StandardInput = new MemoryStream(Encoding.UTF8.GetBytes("the rest of stdin")),
            StandardOutput = sink,
        });
        // Output only: the command reads nothing, and ends without an end-of-file being sent.
        var dumpSink = new MemoryStream();
        var dumped = await ssh.RunAsync(new CommandRequest { Script = "printf %s \"$MC_DB_PASSWORD\"", Environment = environment, StandardOutput = dumpSink });

        Assert.Equal(0, streamed.ExitCode);
        Assert.Equal($"{secret}|it's \"quoted\"\nand $HOME|the rest of stdin", Encoding.UTF8.GetString(sink.ToArray()));
        Assert.Equal(0, dumped.ExitCode);
        Assert.Equal(secret, Encoding.UTF8.GetString(dumpSink.ToArray()));
        var cmdlines = File.ReadAllText(listing);
        File.Delete(listing);
        Assert.DoesNotContain(secret, cmdlines);
        var files = await ssh.RunAsync(CommandRequest.Command("sh", "-c", "grep -l -F -e \"$1\" /tmp/.magentocloud-* 2>/dev/null | wc -l", "sh", secret));
        Assert.Equal("0", files.Output.Trim());
    }

    [Fact]
    public async Task A_killed_remote_command_reports_128_plus_the_signal()
    {
        await using var ssh = new SshTransport(services.Connection(0));

        var result = await ssh.RunAsync(CommandRequest.Shell("kill -9 $$"));

        Assert.Equal(137, result.ExitCode);
    }

    [Fact]
    public async Task Commands_without_streams_run_one_after_another_in_one_long_lived_shell()
    {
        await using var ssh = new SshTransport(services.Connection(0));

        // A command's parent is the shell that ran it.
        var first = await ssh.RunAsync(CommandRequest.Shell("echo $PPID"));
        var failing = await ssh.RunAsync(CommandRequest.Shell("exit 3"));
        var second = await ssh.RunAsync(CommandRequest.Shell("echo $PPID"));

        Assert.Equal(3, failing.ExitCode);
        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public async Task A_shell_commands_output_comes_back_byte_exact_even_when_it_looks_like_a_frame_marker()
    {
        await using var ssh = new SshTransport(services.Connection(0));
        var expected = string.Concat(Enumerable.Repeat("__mc_done_ 0\n", 5000)) + "no newline at the end";

        var result = await ssh.RunAsync(CommandRequest.Shell(
            "i=0; while [ $i -lt 5000 ]; do printf '__mc_done_ 0\\n'; i=$((i+1)); done; printf 'no newline at the end'; printf 'err' >&2; exit 7"));
        var next = await ssh.RunAsync(CommandRequest.Command("printf", "next"));

        Assert.Equal(7, result.ExitCode);
        Assert.Equal(expected, result.Output);
        Assert.Equal("err", result.Error);
        Assert.Equal("next", next.Output);
        Assert.Equal("", next.Error);
    }

    [Fact]
    public async Task A_users_code_that_leaves_a_writer_behind_never_writes_into_another_commands_output()
    {
        await using var ssh = new SshTransport(services.Connection(0));

        // A hook that starts something in the background without redirecting its output.
        var hook = await ssh.RunAsync(new CommandRequest { Script = "(sleep 0.5; echo late) & echo hook", RunsUserCode = true });
        var shellPid = (await ssh.RunAsync(CommandRequest.Shell("echo $PPID"))).Output;
        var next = await ssh.RunAsync(CommandRequest.Shell("sleep 1; echo next"));

        Assert.StartsWith("hook", hook.Output);
        Assert.Equal("next\n", next.Output);
        Assert.Equal(shellPid, (await ssh.RunAsync(CommandRequest.Shell("echo $PPID"))).Output); // the pooled shell, unharmed
    }

    [Fact]
    public async Task A_small_input_reaches_a_shell_command_byte_exact()
    {
        await using var ssh = new SshTransport(services.Connection(0));
        var text = "line 1\n__mc_input_0\n'quoted' \"$HOME\" `date` \\\nEOF\nno newline";
        var bytes = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();

        var echoed = await ssh.RunAsync(new CommandRequest { Arguments = ["cat"], StandardInput = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
        var dumped = await ssh.RunAsync(new CommandRequest { Script = "od -An -tx1 | tr -d ' \\n'; echo $PPID >&2", StandardInput = new MemoryStream(bytes) });
        var shell = await ssh.RunAsync(CommandRequest.Shell("echo $PPID"));

        Assert.Equal(text, echoed.Output);
        Assert.Equal(Convert.ToHexString(bytes).ToLowerInvariant(), dumped.Output);
        Assert.Equal(shell.Output.Trim(), dumped.Error.Trim()); // the same long-lived shell ran it
    }

    [Fact]
    public async Task Many_transports_in_parallel_reuse_their_connections()
    {
        // Other tests of this process may keep pooled connections open: count only what these add.
        var before = await SshConnectionsOfThisProcessAsync();
        var transports = Enumerable.Range(0, 3).Select(i => new SshTransport(services.Connection(i))).ToArray();
        try
        {
            var runs = transports.SelectMany(t => Enumerable.Range(0, 10).Select(async n =>
            {
                await t.WriteTextAsync($"{services.HostRoots[Array.IndexOf(transports, t)]}/par-{n}", n.ToString());
                return (await t.RunAsync(CommandRequest.Command("echo", n.ToString()))).Output;
            }));
            var outputs = await Task.WhenAll(runs);
            Assert.Equal(30, outputs.Length);
            var connections = await SshConnectionsOfThisProcessAsync() - before;
            Assert.Equal(6, connections); // one SSH + one SFTP connection per host, however many commands
        }
        finally
        {
            for (var i = 0; i < transports.Length; i++)
            {
                for (var n = 0; n < 10; n++) File.Delete(Path.Combine(services.HostRoots[i], $"par-{n}"));
                await transports[i].DisposeAsync();
            }
        }
    }

    /// <summary>This process's established TCP connections to the test sshd port.</summary>
    private async Task<int> SshConnectionsOfThisProcessAsync()
    {
        var sockets = await new LocalTransport().RunAsync(CommandRequest.Command(
            "ss", "-Htnp", "state", "established", $"( dport = :{services.SshPort} )"));
        return sockets.Output.Split('\n').Count(l => l.Contains($"pid={System.Environment.ProcessId},"));
    }
}
