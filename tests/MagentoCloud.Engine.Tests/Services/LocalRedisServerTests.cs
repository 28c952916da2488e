using MagentoCloud.Engine.Services;

namespace MagentoCloud.Engine.Tests.Services;

/// <summary>The local default's private redis-server of one environment, started and stopped for real.</summary>
public sealed class LocalRedisServerTests : IAsyncLifetime
{
    private readonly string _local = Directory.CreateTempSubdirectory("mc-redis-").FullName;
    private LocalRedisServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new LocalRedisServer(_local, "feature/a b");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.RemoveAsync(CancellationToken.None);
        Directory.Delete(_local, recursive: true);
    }

    [Fact]
    public async Task Starts_on_loopback_with_a_password_kept_out_of_its_command_line_and_stops()
    {
        var (host, port, password) = await _server.EnsureRunningAsync(SilentObserver.Instance, CancellationToken.None);
        Assert.Equal("127.0.0.1", host);
        Assert.True(_server.IsRunning);
        // A second call finds it running: same port, same password.
        Assert.Equal((host, port, password), await _server.EnsureRunningAsync(SilentObserver.Instance, CancellationToken.None));

        var folder = Directory.GetDirectories(Path.Combine(_local, "redis")).Single();
        var pid = int.Parse(File.ReadAllText(Path.Combine(folder, "redis.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain(password, File.ReadAllText($"/proc/{pid}/cmdline"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "redis.conf")));

        // Without the password it answers nothing but the refusal.
        await using (var anonymous = await RedisConnection.OpenAsync("127.0.0.1", port, null, CancellationToken.None))
            Assert.Equal(CloudErrorId.ServiceUnavailable,
                (await Assert.ThrowsAsync<CloudException>(() => anonymous.CommandAsync(CancellationToken.None, "GET", "x"))).Id);
        await using (var connection = await RedisConnection.OpenAsync("127.0.0.1", port, password, CancellationToken.None))
        {
            await connection.CommandAsync(CancellationToken.None, "SET", "k", "v");
            Assert.Equal("v", await connection.CommandAsync(CancellationToken.None, "GET", "k"));
        }

        Assert.True(await _server.StopAsync(CancellationToken.None));
        Assert.False(_server.IsRunning);
        Assert.False(Directory.Exists($"/proc/{pid}") && File.ReadAllText($"/proc/{pid}/cmdline").Contains("redis", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stale_pid_file_naming_another_process_is_never_signalled()
    {
        await _server.EnsureRunningAsync(SilentObserver.Instance, CancellationToken.None);
        await _server.StopAsync(CancellationToken.None);
        var folder = Directory.GetDirectories(Path.Combine(_local, "redis")).Single();
        // The pid came round again: now it is this test's own process.
        File.WriteAllText(Path.Combine(folder, "redis.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(_server.IsRunning);
        Assert.False(await _server.StopAsync(CancellationToken.None));
        Assert.True(await _server.RemoveAsync(CancellationToken.None)); // its folder goes; the process lives on (this test still runs)
        Assert.False(Directory.Exists(folder));
    }
}
