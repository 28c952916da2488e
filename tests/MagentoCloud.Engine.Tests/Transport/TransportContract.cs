using System.Diagnostics;
using System.Text;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Tests.Transport;

/// <summary>
/// What every transport promises. Written once; LocalTransportContractTests and
/// SshTransportContractTests run it against this machine and against a real sshd.
/// </summary>
public abstract class TransportContract : IAsyncLifetime
{
    protected ITransport Transport { get; private set; } = null!;

    /// <summary>A fresh directory on the transport's host for one test.</summary>
    protected string Scratch { get; private set; } = null!;

    protected abstract ITransport CreateTransport();

    protected abstract string ScratchParent { get; }

    public virtual async Task InitializeAsync()
    {
        Transport = CreateTransport();
        Scratch = $"{ScratchParent}/t-{Guid.NewGuid():N}";
        await Transport.CreateDirectoryAsync(Scratch);
    }

    public async Task DisposeAsync()
    {
        await Transport.DeleteAsync(Scratch, recursive: true);
        await Transport.DisposeAsync();
    }

    public static readonly string[] HostileWords =
    [
        "; rm -rf /", "$(id)", "`id`", "'", "\"", "it's \"quoted\"", "a\nb\nc", "*", "-rf", "--help", "~", "~root",
        "über €uro ✓ 日本", "", " ", "\t", "$HOME", "${PATH}", "a=b", "\\", "!", "#comment", "&& echo pwned", "|", "> /tmp/x",
    ];

    [Fact]
    public async Task Run_returns_exit_code_stdout_and_stderr()
    {
        var result = await Transport.RunAsync(CommandRequest.Shell("echo out; echo err >&2; exit 3"));

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.Output);
        Assert.Equal("err\n", result.Error);
        Assert.False(result.Succeeded);
        Assert.Equal(CloudErrorId.CommandFailed, Assert.Throws<CloudException>(() => result.EnsureSuccess("the test command")).Id);
    }

    [Fact]
    public async Task Arguments_reach_the_program_byte_for_byte_whatever_they_hold()
    {
        foreach (var word in HostileWords)
        {
            var result = await Transport.RunAsync(CommandRequest.Command("printf", "%s", word));
            Assert.Equal(0, result.ExitCode);
            Assert.Equal(word, result.Output);
        }
    }

    [Fact]
    public async Task Hostile_words_given_to_a_script_as_parameters_stay_data()
    {
        var result = await Transport.RunAsync(CommandRequest.Command(
            ["sh", "-c", "for a in \"$@\"; do printf '<%s>' \"$a\"; done", "sh", .. HostileWords]));

        Assert.Equal(string.Concat(HostileWords.Select(w => $"<{w}>")), result.Output);
    }

    [Fact]
    public async Task Stdin_streams_into_the_command_and_stdout_into_a_sink()
    {
        var data = new byte[3 * 1024 * 1024 + 17];
        new Random(42).NextBytes(data);
        using var sink = new MemoryStream();

        var result = await Transport.RunAsync(new CommandRequest
        {
            Arguments = ["cat"], StandardInput = new MemoryStream(data), StandardOutput = sink,
        });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.True(data.AsSpan().SequenceEqual(sink.ToArray()));
    }

    [Fact]
    public async Task A_command_without_stdin_sees_end_of_file()
    {
        var result = await Transport.RunAsync(CommandRequest.Command("cat"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task Output_and_error_lines_reach_their_callbacks()
    {
        var output = new List<string>();
        var errors = new List<string>();

        await Transport.RunAsync(new CommandRequest
        {
            Script = "printf 'one\\ntwo\\n'; printf 'e1\\r\\ne2\\ne3' >&2",
            OnOutputLine = l => { lock (output) output.Add(l); },
            OnErrorLine = l => { lock (errors) errors.Add(l); },
        });

        Assert.Equal(["one", "two"], output);
        Assert.Equal(["e1", "e2", "e3"], errors);
    }

    [Fact]
    public async Task Environment_variables_reach_the_command_unchanged()
    {
        var value = "p@ss 'w\"rd' $(id) `id` \n line2 ✓";
        var result = await Transport.RunAsync(new CommandRequest
        {
            Script = "printf '%s|%s' \"$MC_TEST_SECRET\" \"$MC_OTHER\"",
            Environment = new Dictionary<string, string> { ["MC_TEST_SECRET"] = value, ["MC_OTHER"] = "" },
        });

        Assert.Equal(value + "|", result.Output);
    }

    [Fact]
    public async Task An_invalid_environment_variable_name_is_refused()
    {
        var e = await Assert.ThrowsAsync<CloudException>(() => Transport.RunAsync(new CommandRequest
        {
            Arguments = ["true"], Environment = new Dictionary<string, string> { ["A;rm -rf /"] = "x" },
        }));
        Assert.Equal(CloudErrorId.InvalidArgument, e.Id);
    }

    [Fact]
    public async Task Working_directory_is_where_the_command_runs()
    {
        var dir = $"{Scratch}/work dir";
        await Transport.CreateDirectoryAsync(dir);

        var result = await Transport.RunAsync(new CommandRequest { Arguments = ["pwd", "-P"], WorkingDirectory = dir });

        Assert.Equal(dir, result.Output.TrimEnd('\n'));
    }

    [Fact]
    public async Task A_missing_working_directory_is_a_clear_error()
    {
        var e = await Assert.ThrowsAsync<CloudException>(() => Transport.RunAsync(
            new CommandRequest { Arguments = ["true"], WorkingDirectory = $"{Scratch}/nope" }));

        Assert.Equal(CloudErrorId.CommandFailed, e.Id);
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public async Task Upload_and_download_round_trip_and_replace_atomically()
    {
        var path = $"{Scratch}/file.bin";
        var data = Encoding.UTF8.GetBytes("first version");
        await Transport.UploadAsync(new MemoryStream(data), path);
        var second = new byte[1024 * 1024];
        new Random(7).NextBytes(second);

        await Transport.UploadAsync(new MemoryStream(second), path);

        using var back = new MemoryStream();
        await Transport.DownloadAsync(path, back);
        Assert.True(second.AsSpan().SequenceEqual(back.ToArray()));
        var listing = await Transport.RunAsync(CommandRequest.Command("ls", "-A", Scratch));
        Assert.Equal("file.bin\n", listing.Output); // no temporary file left behind
    }

    [Fact]
    public async Task Upload_of_a_local_file_works()
    {
        var local = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(local, "from a local file");
            await Transport.UploadFileAsync(local, $"{Scratch}/copy.txt");
            Assert.Equal("from a local file", await Transport.ReadTextAsync($"{Scratch}/copy.txt"));
        }
        finally
        {
            File.Delete(local);
        }
    }

    [Fact]
    public async Task Text_files_round_trip_and_a_private_mode_is_kept()
    {
        var path = $"{Scratch}/env.php";
        Assert.Null(await Transport.ReadTextAsync(path));

        await Transport.WriteTextAsync(path, "<?php return ['db' => 'sécret ✓'];\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal("<?php return ['db' => 'sécret ✓'];\n", await Transport.ReadTextAsync(path));
        Assert.Equal("600", (await Transport.RunAsync(CommandRequest.Command("stat", "-c", "%a", path))).Output.Trim());
    }

    [Fact]
    public async Task Rename_switches_a_symlink_to_a_directory_atomically()
    {
        await Transport.CreateDirectoryAsync($"{Scratch}/releases/1");
        await Transport.CreateDirectoryAsync($"{Scratch}/releases/2");
        await Transport.WriteTextAsync($"{Scratch}/releases/2/version", "2");
        await Transport.CreateSymbolicLinkAsync("releases/1", $"{Scratch}/current");
        await Transport.CreateSymbolicLinkAsync("releases/2", $"{Scratch}/current.next");

        await Transport.RenameAsync($"{Scratch}/current.next", $"{Scratch}/current");

        Assert.Equal("releases/2", (await Transport.RunAsync(CommandRequest.Command("readlink", $"{Scratch}/current"))).Output.Trim());
        Assert.Equal("2", await Transport.ReadTextAsync($"{Scratch}/current/version"));
        Assert.False(await Transport.ExistsAsync($"{Scratch}/current.next"));
        // The old target is untouched: nothing was moved into it.
        Assert.Equal("", (await Transport.RunAsync(CommandRequest.Command("ls", "-A", $"{Scratch}/releases/1"))).Output);
    }

    [Fact]
    public async Task CreateDirectory_makes_parents_and_tolerates_existing()
    {
        var dir = $"{Scratch}/a/b/c";
        await Transport.CreateDirectoryAsync(dir);
        await Transport.CreateDirectoryAsync(dir);

        Assert.Equal(0, (await Transport.RunAsync(CommandRequest.Command("test", "-d", dir))).ExitCode);
    }

    [Fact]
    public async Task Exists_sees_files_directories_and_dangling_symlinks()
    {
        await Transport.WriteTextAsync($"{Scratch}/f", "x");
        await Transport.CreateSymbolicLinkAsync("gone", $"{Scratch}/dangling");

        Assert.True(await Transport.ExistsAsync($"{Scratch}/f"));
        Assert.True(await Transport.ExistsAsync(Scratch));
        Assert.True(await Transport.ExistsAsync($"{Scratch}/dangling"));
        Assert.False(await Transport.ExistsAsync($"{Scratch}/missing"));
    }

    [Fact]
    public async Task Delete_removes_files_links_and_trees_but_never_a_links_target()
    {
        await Transport.CreateDirectoryAsync($"{Scratch}/tree/sub");
        await Transport.WriteTextAsync($"{Scratch}/tree/sub/f", "x");
        await Transport.CreateDirectoryAsync($"{Scratch}/target");
        await Transport.WriteTextAsync($"{Scratch}/target/keep", "x");
        await Transport.CreateSymbolicLinkAsync("target", $"{Scratch}/link");
        await Transport.CreateDirectoryAsync($"{Scratch}/empty");

        await Transport.DeleteAsync($"{Scratch}/link");
        await Transport.DeleteAsync($"{Scratch}/empty");
        await Transport.DeleteAsync($"{Scratch}/tree", recursive: true);
        await Transport.DeleteAsync($"{Scratch}/missing");

        Assert.False(await Transport.ExistsAsync($"{Scratch}/link"));
        Assert.False(await Transport.ExistsAsync($"{Scratch}/empty"));
        Assert.False(await Transport.ExistsAsync($"{Scratch}/tree"));
        Assert.True(await Transport.ExistsAsync($"{Scratch}/target/keep"));
        await Assert.ThrowsAsync<CloudException>(() => Transport.DeleteAsync($"{Scratch}/target"));
    }

    [Fact]
    public async Task Cancelling_stops_the_command_and_its_children()
    {
        var marker = $"{Random.Shared.Next(100000, 999999)}.5";
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(800));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Transport.RunAsync(
            CommandRequest.Shell($"sleep {marker} & sleep {marker}; wait"), cts.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"cancel took {clock.Elapsed}");
        string left = "";
        for (var i = 0; i < 30; i++)
        {
            left = (await Transport.RunAsync(CommandRequest.Shell($"ps -eo args | grep -c '^sleep {marker}$' || true"))).Output.Trim();
            if (left == "0") break;
            await Task.Delay(100);
        }
        Assert.Equal("0", left);
    }

    [Fact]
    public async Task A_large_output_streams_to_a_sink_without_being_held_in_memory()
    {
        const long size = 200L * 1024 * 1024;
        var sink = new CountingStream();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();

        var result = await Transport.RunAsync(new CommandRequest
        {
            Arguments = ["head", "-c", size.ToString(), "/dev/zero"], StandardOutput = sink,
        });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(size, sink.Length);
        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.True(grown < 64 * 1024 * 1024, $"memory grew by {grown / 1048576} MB");
        Console.WriteLine($"{GetType().Name}: 200 MB stdout in {clock.Elapsed.TotalSeconds:F2} s");
    }

    [Fact]
    public async Task Parallel_commands_on_one_transport_all_complete()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Transport.RunAsync(CommandRequest.Command("sh", "-c", "sleep 0.2; echo $1", "sh", i.ToString()))));

        Assert.Equal(Enumerable.Range(0, 16).Select(i => $"{i}\n"), results.Select(r => r.Output));
    }

    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
