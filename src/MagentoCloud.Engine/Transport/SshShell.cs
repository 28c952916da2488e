using System.Diagnostics;
using System.Globalization;
using System.Text;
using Renci.SshNet;

namespace MagentoCloud.Engine.Transport;

/// <summary>
/// One long-lived <c>sh</c> on a host that runs commands one after another, sent to its stdin. A
/// command then costs one round trip instead of a new channel and a login shell, whose rc files
/// alone can take longer than the command. Each command's stdout and stderr end with a marker
/// of its own (random, so no output can fake it), the stdout one followed by the exit code.
/// Commands that stream stdin (beyond a small seekable input) or raw stdout get exec channels of their own instead.
/// </summary>
internal sealed class SshShell : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly SshCommand _channel;
    private readonly Task _execution;
    private readonly Stream _input;
    private readonly MarkedStreamReader _stdout;
    private readonly MarkedStreamReader _stderr;
    private bool _broken;

    private SshShell(SshClient client)
    {
        Client = client;
        _channel = client.CreateCommand("exec sh -s", Utf8);
        _execution = _channel.ExecuteAsync(CancellationToken.None);
        _ = _execution.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        _input = _channel.CreateInputStream();
        _stdout = new MarkedStreamReader(_channel.OutputStream);
        _stderr = new MarkedStreamReader(_channel.ExtendedOutputStream);
    }

    /// <summary>Opens a shell on <paramref name="client"/>'s connection (throws SshException when it cannot).</summary>
    public static SshShell Start(SshClient client) => new(client);

    public SshClient Client { get; }

    /// <summary>Ready for another command: its last one ended cleanly and the shell still runs.</summary>
    public bool IsUsable => !_broken && !_execution.IsCompleted && Client.IsConnected;

    /// <summary>
    /// Sends <paramref name="body"/> (shell text that runs the command, see RemoteCommandLine.ShellBody) and
    /// reads its output up to the markers. Throws <see cref="CommandNotStartedException"/> when the
    /// text could not even be sent (nothing ran). On cancellation the shell is left broken; the caller
    /// stops the command.
    /// </summary>
    public async Task<CommandResult> RunAsync(string body, string pidFile, CommandRequest request, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var marker = "__mc_done_" + Guid.NewGuid().ToString("N");
        var text = $"{body}\nmc_rc=$?; rm -f {ShellQuote.Quote(pidFile)}; printf '%s %d\\n' {marker} \"$mc_rc\"; printf '%s\\n' {marker} >&2\n";
        _broken = true; // until both markers came back
        if (_execution.IsCompleted) throw new CommandNotStartedException(new EndOfStreamException("The host's shell has ended."));
        try
        {
            await _input.WriteAsync(Utf8.GetBytes(text), ct).ConfigureAwait(false);
            await _input.FlushAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or Renci.SshNet.Common.SshException)
        {
            throw new CommandNotStartedException(e);
        }

        var stdout = new OutputPump(request.OnOutputLine, request.CaptureOutput);
        var stderr = new OutputPump(request.OnErrorLine, request.CaptureOutput);
        var outFrame = _stdout.Next(marker);
        var errFrame = _stderr.Next(marker);
        // The reads go on after a cancel (the frames are abandoned with the shell), so they take no token.
        var reads = Task.WhenAll(stdout.ReadTextAsync(outFrame, CancellationToken.None), stderr.ReadTextAsync(errFrame, CancellationToken.None));
        if (await Task.WhenAny(reads, _execution).WaitAsync(ct).ConfigureAwait(false) != reads
            && await Task.WhenAny(reads, Task.Delay(2000, CancellationToken.None)).ConfigureAwait(false) != reads)
        {
            // The shell, or its connection, ended mid-command (a dropped connection leaves the streams open).
            await _execution.ConfigureAwait(false);
            throw new EndOfStreamException("The host's shell ended before the command finished.");
        }
        await reads.ConfigureAwait(false);
        if (!int.TryParse(outFrame.Trailer, NumberStyles.Integer, CultureInfo.InvariantCulture, out var exitCode))
            throw new EndOfStreamException($"The host's shell sent an exit status it should not have: '{outFrame.Trailer}'.");
        _broken = false;
        return new CommandResult(exitCode, stdout.Text, stderr.Text, clock.Elapsed);
    }

    public void Dispose()
    {
        _broken = true;
        // Closing the channel ends the shell (end-of-file on its stdin) and anything it still waits on gets SIGHUP'd by sshd.
        try { _input.Dispose(); } catch (Exception e) when (e is IOException or ObjectDisposedException or Renci.SshNet.Common.SshException) { }
        _channel.Dispose();
    }
}

/// <summary>The command could not even start: the connection or shell was gone. Nothing ran on the host.</summary>
internal sealed class CommandNotStartedException(Exception inner) : Exception(inner.Message, inner);
