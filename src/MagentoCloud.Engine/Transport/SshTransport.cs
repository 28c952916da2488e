using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace MagentoCloud.Engine.Transport;

/// <summary>
/// A host over SSH (SSH.NET). One SSH connection (a few pooled long-lived shells for commands,
/// exec channels for streams) and one SFTP connection (file content) per host, opened on first use
/// and reused; safe for parallel use.
/// Path operations that must not follow symlinks (rename, delete, exists) run as commands,
/// because SFTP clients canonicalize paths through symlinks.
/// </summary>
public sealed class SshTransport : ITransport
{
    private readonly SshConnectionInfo _info;
    private const int MaxIdleShells = 4;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly Stack<SshShell> _idleShells = new();
    private IPrivateKeySource[]? _keys;
    private SshClient? _ssh;
    private SftpClient? _sftp;
    private bool _disposed;

    public SshTransport(SshConnectionInfo info) => _info = info;

    public string Host => _info.Host.ToString();

    public async Task<CommandResult> RunAsync(CommandRequest request, CancellationToken ct = default)
    {
        request.Validate();
        ct.ThrowIfCancellationRequested();
        if (request.WorkingDirectory is { } wd && !await IsDirectoryAsync(wd, ct).ConfigureAwait(false))
            throw new CloudException(CloudErrorId.CommandFailed,
                $"Cannot run '{request.Describe()}': its working directory {wd} does not exist on {Host}. Create it first.", wd);
        var pidFile = $"/tmp/.magentocloud-run-{Guid.NewGuid():N}";
        // Streams and a user's code need a channel of their own; everything else (a small input
        // included) goes to a pooled shell, a round trip each.
        if (!request.RunsUserCode && request.StandardOutput is null && SmallInput(request.StandardInput, out var input))
            return await RunInShellAsync(request, input, pidFile, ct).ConfigureAwait(false);
        return await RunOnChannelAsync(request, pidFile, ct).ConfigureAwait(false);
    }

    /// <summary>No input, or a seekable one of at most 1 MiB (read here); false for a stream to pump.</summary>
    private static bool SmallInput(Stream? stream, out byte[]? input)
    {
        input = null;
        if (!HasInput(stream)) return true;
        if (!stream!.CanSeek || stream.Length - stream.Position > 1 << 20) return false;
        input = new byte[stream.Length - stream.Position];
        stream.ReadExactly(input);
        return true;
    }

    private async Task<CommandResult> RunInShellAsync(CommandRequest request, byte[]? input, string pidFile, CancellationToken ct)
    {
        var body = RemoteCommandLine.ShellBody(request, pidFile, input);
        for (var attempt = 1; ; attempt++)
        {
            SshShell? shell = null;
            try
            {
                shell = await TakeShellAsync(ct).ConfigureAwait(false);
                var result = await shell.RunAsync(body, pidFile, request, ct).ConfigureAwait(false);
                ReturnShell(shell);
                return result;
            }
            catch (CommandNotStartedException e)
            {
                // A shell or connection that died while idle: nothing ran, so one more try on a fresh one is safe.
                shell?.Dispose();
                if (attempt > 1) throw Failed($"run '{request.Describe()}'", e.InnerException!);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                shell?.Dispose();
                if (shell is not null) await StopCommandAsync(pidFile).ConfigureAwait(false);
                throw new OperationCanceledException($"'{request.Describe()}' on {Host} was cancelled.", ct);
            }
            catch (Exception e) when (e is EndOfStreamException or IOException or SshException or ObjectDisposedException)
            {
                shell?.Dispose();
                throw e is SshConnectionException || shell is not null && !IsUsable(shell.Client) ? Dropped(request, e) : Failed($"run '{request.Describe()}'", e);
            }
        }
    }

    private async Task<SshShell> TakeShellAsync(CancellationToken ct)
    {
        var ssh = await SshAsync(ct).ConfigureAwait(false);
        lock (_idleShells)
        {
            while (_idleShells.TryPop(out var idle))
            {
                if (idle.IsUsable && idle.Client == ssh) return idle;
                idle.Dispose();
            }
        }
        try
        {
            return SshShell.Start(ssh);
        }
        catch (SshException e)
        {
            Invalidate(ssh);
            throw new CommandNotStartedException(e);
        }
    }

    private void ReturnShell(SshShell shell)
    {
        lock (_idleShells)
        {
            // A few idle shells cover a host's usual parallelism; sshd allows ten channels per connection.
            if (!_disposed && shell.IsUsable && _idleShells.Count < MaxIdleShells)
            {
                _idleShells.Push(shell);
                return;
            }
        }
        shell.Dispose();
    }

    private async Task<CommandResult> RunOnChannelAsync(CommandRequest request, string pidFile, CancellationToken ct)
    {
        var ssh = await SshAsync(ct).ConfigureAwait(false);
        // The values may be secrets: they go ahead of the command's input, never into a file on the host.
        var environment = request.Environment is { Count: > 0 } env ? RemoteCommandLine.EnvironmentLine(env) : null;
        var commandLine = RemoteCommandLine.Build(request, environment is not null, pidFile, HasInput(request.StandardInput));
        try
        {
            try
            {
                return await ExecAsync(ssh, commandLine, request, ct, environment).ConfigureAwait(false);
            }
            catch (CommandNotStartedException)
            {
                // The pooled connection had dropped (the host closed it, or a network blip) before the
                // command started: nothing ran, so it is safe to run it once more on a new connection.
                ssh = await SshAsync(ct).ConfigureAwait(false);
                return await ExecAsync(ssh, commandLine, request, ct, environment).ConfigureAwait(false);
            }
        }
        catch (CommandNotStartedException e)
        {
            throw Failed($"run '{request.Describe()}'", e.InnerException!);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await StopCommandAsync(pidFile).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops a cancelled command's whole process group, on a channel of its own.</summary>
    private async Task StopCommandAsync(string pidFile)
    {
        try
        {
            var ssh = await SshAsync(CancellationToken.None).ConfigureAwait(false);
            await ExecAsync(ssh, RemoteCommandLine.Kill(pidFile), new CommandRequest { Arguments = ["kill"] }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CloudException or CommandNotStartedException) { }
    }

    private async Task<CommandResult> ExecAsync(SshClient ssh, string commandLine, CommandRequest request, CancellationToken ct,
        byte[]? environment = null)
    {
        var clock = Stopwatch.StartNew();
        using var command = ssh.CreateCommand(commandLine, new UTF8Encoding(false));
        Task execution;
        try
        {
            execution = command.ExecuteAsync(CancellationToken.None);
        }
        catch (SshException e)
        {
            Invalidate(ssh);
            throw new CommandNotStartedException(e);
        }

        var stdout = new OutputPump(request.OnOutputLine, request.CaptureOutput);
        var stderr = new OutputPump(request.OnErrorLine, request.CaptureOutput);
        var outTask = request.StandardOutput is { } sink
            ? OutputPump.CopyRawAsync(command.OutputStream, sink, CancellationToken.None)
            : stdout.ReadTextAsync(command.OutputStream, CancellationToken.None);
        var errTask = stderr.ReadTextAsync(command.ExtendedOutputStream, CancellationToken.None);
        using var inputStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var inTask = FeedInputAsync(command, execution, environment, request.StandardInput, inputStop.Token);

        try
        {
            await execution.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _ = execution.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            throw new OperationCanceledException($"'{request.Describe()}' on {Host} was cancelled.", ct);
        }
        catch (SshConnectionException e)
        {
            Invalidate(ssh);
            throw Dropped(request, e);
        }
        catch (SshException e)
        {
            Invalidate(ssh);
            throw Failed($"run '{request.Describe()}'", e);
        }
        await Task.WhenAll(outTask, errTask).ConfigureAwait(false);
        // The command has exited: input it did not read is not needed, and a still-open input
        // stream (a protocol peer's) must not hold the result back.
        inputStop.Cancel();
        try { await inTask.ConfigureAwait(false); }
        catch (Exception e) when (e is IOException or SshException or ObjectDisposedException or OperationCanceledException) { /* exited before reading all input */ }

        var exitCode = command.ExitStatus ?? (command.ExitSignal is { } signal ? 128 + SignalNumber(signal) : -1);
        return new CommandResult(exitCode, stdout.Text, stderr.Text, clock.Elapsed);
    }

    private static bool HasInput(Stream? input) => input is not null && (!input.CanSeek || input.Length > input.Position);

    private static async Task FeedInputAsync(SshCommand command, Task execution, byte[]? environment, Stream? input, CancellationToken ct)
    {
        if (environment is null && !HasInput(input)) return;
        var stdin = command.CreateInputStream();
        if (environment is not null)
        {
            await stdin.WriteAsync(environment, ct).ConfigureAwait(false);
            await stdin.FlushAsync(ct).ConfigureAwait(false);
        }
        // Without input the wrapper reads its one line and gives the command /dev/null: no end-of-file needed.
        if (!HasInput(input)) return;
        await input!.CopyToAsync(stdin, 32768, ct).ConfigureAwait(false);
        // End-of-file, so a command reading stdin never hangs. Only when the input ran out while the
        // command still runs: an end-of-file for a channel the host has closed is a protocol error
        // that makes the host drop the whole (shared) connection.
        if (!execution.IsCompleted) await stdin.DisposeAsync().ConfigureAwait(false);
    }

    private static int SignalNumber(string name) => name.ToUpperInvariant() switch
    {
        "HUP" => 1, "INT" => 2, "QUIT" => 3, "ILL" => 4, "ABRT" => 6, "FPE" => 8, "KILL" => 9,
        "SEGV" => 11, "PIPE" => 13, "ALRM" => 14, "TERM" => 15, "USR1" => 10, "USR2" => 12,
        _ => 0,
    };

    public async Task UploadAsync(Stream content, string path, UnixFileMode? mode = null, CancellationToken ct = default)
    {
        var sftp = await SftpAsync(ct).ConfigureAwait(false);
        var temp = TempBeside(path);
        try
        {
            if (mode is { } m)
            {
                // Create empty, restrict, then fill: the content is never readable by others.
                using (sftp.Open(temp, FileMode.CreateNew, FileAccess.Write)) { }
                sftp.ChangePermissions(temp, OctalDigits(m));
            }
            await sftp.UploadFileAsync(content, temp, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SshException or IOException)
        {
            await TryRemoveAsync(temp).ConfigureAwait(false);
            throw Failed($"upload {path}", e, path);
        }
        catch
        {
            await TryRemoveAsync(temp).ConfigureAwait(false);
            throw;
        }
        await RenameAsync(temp, path, ct).ConfigureAwait(false);
    }

    public async Task UploadFileAsync(string localPath, string path, UnixFileMode? mode = null, CancellationToken ct = default)
    {
        await using var source = File.OpenRead(localPath);
        await UploadAsync(source, path, mode, ct).ConfigureAwait(false);
    }

    public async Task DownloadAsync(string path, Stream destination, CancellationToken ct = default)
    {
        var sftp = await SftpAsync(ct).ConfigureAwait(false);
        try
        {
            await sftp.DownloadFileAsync(path, destination, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SshException or IOException)
        {
            throw Failed($"download {path}", e, path);
        }
    }

    public async Task CreateDirectoryAsync(string path, CancellationToken ct = default)
    {
        // Parents first, like mkdir -p; a directory made meanwhile by someone else is fine.
        if (await IsDirectoryAsync(path, ct).ConfigureAwait(false)) return;
        var slash = path.TrimEnd('/').LastIndexOf('/');
        if (slash > 0) await CreateDirectoryAsync(path[..slash], ct).ConfigureAwait(false);
        var sftp = await SftpAsync(ct).ConfigureAwait(false);
        try
        {
            await sftp.CreateDirectoryAsync(path, ct).ConfigureAwait(false);
        }
        catch (SshException e)
        {
            if (!await IsDirectoryAsync(path, ct).ConfigureAwait(false)) throw Failed($"create directory {path}", e, path);
        }
    }

    public Task RenameAsync(string from, string to, CancellationToken ct = default) =>
        // mv -T: rename(2) onto 'to' itself, never into the directory a symlink points to.
        FileCommandAsync($"rename {from} to {to}", from, ct, "mv", "-T", "-f", "--", from, to);

    public Task CreateSymbolicLinkAsync(string target, string linkPath, CancellationToken ct = default) =>
        FileCommandAsync($"create symlink {linkPath}", linkPath, ct, "ln", "-s", "--", target, linkPath);

    public async Task<bool> ExistsAsync(string path, CancellationToken ct = default)
    {
        var sftp = await SftpAsync(ct).ConfigureAwait(false);
        try
        {
            if (await sftp.ExistsAsync(path, ct).ConfigureAwait(false)) return true;
        }
        catch (SshException e)
        {
            throw Failed($"check {path}", e, path);
        }
        // SFTP resolves paths through symlinks, so only a command sees a dangling link.
        return (await RunAsync(CommandRequest.Command("test", "-L", path), ct).ConfigureAwait(false)).ExitCode == 0;
    }

    private async Task<bool> IsDirectoryAsync(string path, CancellationToken ct)
    {
        var sftp = await SftpAsync(ct).ConfigureAwait(false);
        try { return (await sftp.GetAttributesAsync(path, ct).ConfigureAwait(false)).IsDirectory; }
        catch (SftpPathNotFoundException) { return false; }
        catch (SshException e) { throw Failed($"check {path}", e, path); }
    }

    public Task DeleteAsync(string path, bool recursive = false, CancellationToken ct = default) =>
        recursive
            ? FileCommandAsync($"delete {path}", path, ct, "rm", "-rf", "--", path)
            : RunFileScriptAsync($"delete {path}", path,
                "if [ -d \"$1\" ] && [ ! -L \"$1\" ]; then rmdir -- \"$1\"; else rm -f -- \"$1\"; fi", ct);

    public async Task<string?> ReadTextAsync(string path, CancellationToken ct = default)
    {
        var sftp = await SftpAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        try
        {
            await sftp.DownloadFileAsync(path, buffer, ct).ConfigureAwait(false);
        }
        catch (SftpPathNotFoundException)
        {
            return null;
        }
        catch (SshException e)
        {
            throw Failed($"read {path}", e, path);
        }
        return new UTF8Encoding(false).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public async Task WriteTextAsync(string path, string text, UnixFileMode? mode = null, CancellationToken ct = default)
    {
        using var content = new MemoryStream(new UTF8Encoding(false).GetBytes(text));
        await UploadAsync(content, path, mode, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens a tunnel: a port on 127.0.0.1 here whose connections reach <paramref name="remoteHost"/>:<paramref name="remotePort"/>
    /// as the host sees it (a database that listens only to the host's network, say). Dispose closes it.
    /// </summary>
    public async Task<PortForward> ForwardLocalPortAsync(string remoteHost, int remotePort, CancellationToken ct = default)
    {
        var ssh = await SshAsync(ct).ConfigureAwait(false);
        var port = new ForwardedPortLocal("127.0.0.1", 0, remoteHost, (uint)remotePort);
        ssh.AddForwardedPort(port);
        port.Start();
        return new PortForward((int)port.BoundPort, () =>
        {
            try
            {
                port.Stop();
                if (ssh.IsConnected) ssh.RemoveForwardedPort(port);
            }
            catch (Exception e) when (e is ObjectDisposedException or SshException)
            {
                // The connection dropped (and was let go) first: the tunnel went with it.
            }
            port.Dispose();
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        lock (_idleShells)
        {
            while (_idleShells.TryPop(out var shell)) shell.Dispose();
        }
        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var client in new BaseClient?[] { _ssh, _sftp })
            {
                if (client is null) continue;
                // A client dropped with its connection was disposed already (Invalidate).
                try { if (client.IsConnected) client.Disconnect(); } catch (SshException) { } catch (SocketException) { } catch (ObjectDisposedException) { }
                client.Dispose();
            }
            _ssh = null;
            _sftp = null;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private Task FileCommandAsync(string what, string target, CancellationToken ct, params string[] arguments) =>
        RunCheckedAsync(what, target, new CommandRequest { Arguments = arguments }, ct);

    private Task RunFileScriptAsync(string what, string target, string script, CancellationToken ct) =>
        RunCheckedAsync(what, target, new CommandRequest { Arguments = ["sh", "-c", script, "sh", target] }, ct);

    private async Task RunCheckedAsync(string what, string target, CommandRequest request, CancellationToken ct)
    {
        var result = await RunAsync(request, ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
            throw new CloudException(CloudErrorId.TransportFailed,
                $"Cannot {what} on {Host}: {result.Error.Trim()} Check the path and its permissions.", target);
    }

    private async Task TryRemoveAsync(string path)
    {
        try { await RunAsync(CommandRequest.Command("rm", "-f", "--", path), CancellationToken.None).ConfigureAwait(false); }
        catch (CloudException) { }
    }

    private Task<SshClient> SshAsync(CancellationToken ct) =>
        GetClientAsync(() => _ssh, c => _ssh = c, ci => new SshClient(ci), ct);

    private Task<SftpClient> SftpAsync(CancellationToken ct) =>
        GetClientAsync(() => _sftp, c => _sftp = c, ci => new SftpClient(ci), ct);

    private async Task<T> GetClientAsync<T>(Func<T?> get, Action<T?> set, Func<ConnectionInfo, T> create, CancellationToken ct)
        where T : BaseClient
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (get() is { } ready && IsUsable(ready)) return ready;
        await _connectLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (get() is { } connected && IsUsable(connected)) return connected;
            get()?.Dispose();
            set(null);
            var client = create(CreateConnectionInfo());
            await ConnectAsync(client, ct).ConfigureAwait(false);
            set(client);
            return client;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task ConnectAsync(BaseClient client, CancellationToken ct)
    {
        var host = _info.Host;
        var knownHosts = _info.ResolvedKnownHostsPath;
        HostKeyMatch? refused = null;
        byte[]? serverKey = null;
        client.HostKeyReceived += (_, e) =>
        {
            serverKey = e.HostKey;
            var match = KnownHostsFile.Verify(knownHosts, host.KnownHostsName, e.HostKey, _info.AcceptNewHostKey);
            e.CanTrust = match == HostKeyMatch.Known;
            if (!e.CanTrust) refused = match;
        };
        try
        {
            await client.ConnectAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (refused is not null && e is not OperationCanceledException)
        {
            client.Dispose();
            var fingerprint = KnownHostsFile.Fingerprint(serverKey!);
            var keyType = KnownHostsFile.KeyType(serverKey!);
            throw refused == HostKeyMatch.Changed
                ? new CloudException(CloudErrorId.HostKeyChanged,
                    $"The {keyType} host key of {host} has CHANGED (now {fingerprint}); {knownHosts} holds another key. " +
                    "This may be an attack or a reinstalled host. Verify the new key with the host's owner, then remove the old " +
                    $"line (ssh-keygen -R '{host.KnownHostsName}' -f {knownHosts}) and connect again.",
                    host.ToString(), e)
                : new CloudException(CloudErrorId.HostKeyUnknown,
                    $"The host {host} is not in {knownHosts}; it offered the {keyType} key {fingerprint}. " +
                    "Verify that fingerprint with the host's owner (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the host), then " +
                    $"trust it once with Add-CloudKnownHost -HostName '{host}' -KnownHostsFile '{knownHosts}' (or Add-CloudKnownHost " +
                    "-Environment <name> for every host of an environment), or ssh into it with OpenSSH and answer yes.",
                    host.ToString(), e);
        }
        catch (SshAuthenticationException e)
        {
            client.Dispose();
            throw new CloudException(CloudErrorId.AuthenticationFailed,
                $"{host.User}@{host.HostName} refused the key(s) {string.Join(", ", _info.ResolvedKeyPaths)}: {e.Message} " +
                $"Add the matching public key to ~{host.User}/.ssh/authorized_keys on {host.HostName}, or give the right private key.",
                host.ToString(), e);
        }
        catch (Exception e) when (e is SocketException or SshOperationTimeoutException or SshConnectionException or TimeoutException)
        {
            client.Dispose();
            throw new CloudException(CloudErrorId.HostUnreachable,
                $"Cannot reach {host}: {e.Message} Check that the host is up, that sshd listens on port {host.Port}, " +
                "and that the host entry in .magento/topology.yaml is right.",
                host.ToString(), e);
        }
        catch (OperationCanceledException)
        {
            client.Dispose();
            throw;
        }
    }

    private ConnectionInfo CreateConnectionInfo()
    {
        _keys ??= LoadKeys();
        var host = _info.Host;
        return new ConnectionInfo(host.HostName, host.Port, host.User, new PrivateKeyAuthenticationMethod(host.User, _keys))
        {
            Timeout = _info.ConnectTimeout,
        };
    }

    private IPrivateKeySource[] LoadKeys()
    {
        var paths = _info.ResolvedKeyPaths;
        if (paths.Count == 0)
            throw new CloudException(CloudErrorId.AuthenticationFailed,
                $"No private key to log in to {Host}: none of ~/.ssh/id_ed25519, id_ecdsa, id_rsa exists. " +
                "Create one with ssh-keygen -t ed25519, or give a key file.", Host);
        var keys = new List<IPrivateKeySource>();
        foreach (var path in paths)
        {
            try
            {
                keys.Add(new PrivateKeyFile(path));
            }
            catch (Exception e) when (e is SshException or IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw new CloudException(CloudErrorId.AuthenticationFailed,
                    $"Cannot use the private key {path} for {Host}: {e.Message} " +
                    "Keys protected by a passphrase are not supported: load a key without one, or give another key file.",
                    path, e);
            }
        }
        return keys.ToArray();
    }

    private void Invalidate(BaseClient client)
    {
        if (!IsUsable(client)) client.Dispose();
    }

    /// <summary>
    /// Connected and not disposed: a client whose connection dropped was disposed (by <see cref="Invalidate"/>, perhaps on
    /// another thread), and SSH.NET throws when a disposed client is asked whether it is connected.
    /// </summary>
    internal static bool IsUsable(BaseClient client)
    {
        try
        {
            return client.IsConnected;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private CloudException Failed(string what, Exception e, object? target = null) =>
        new(e is SshConnectionException ? CloudErrorId.HostUnreachable : CloudErrorId.TransportFailed,
            $"Cannot {what} on {Host}: {e.Message} Check the path, its permissions and the connection.", target ?? Host, e);

    /// <summary>The connection went while a command ran: it may have done part of its work, and the path is not the problem.</summary>
    private CloudException Dropped(CommandRequest request, Exception e) =>
        new(CloudErrorId.HostUnreachable,
            $"The connection to {Host} dropped while '{request.Describe()}' ran ({e.Message}); it may have stopped half-way. " +
            "Check that the host is up and reachable, then run it again.", Host, e);

    private static string TempBeside(string path)
    {
        var slash = path.LastIndexOf('/');
        var dir = slash >= 0 ? path[..(slash + 1)] : "";
        return $"{dir}.{path[(slash + 1)..]}.tmp-{Guid.NewGuid():N}";
    }

    // SSH.NET takes the mode as the digits of its octal form (0600 -> 600).
    private static short OctalDigits(UnixFileMode mode) => short.Parse(Convert.ToString((int)mode & 0x1FF, 8));
}
