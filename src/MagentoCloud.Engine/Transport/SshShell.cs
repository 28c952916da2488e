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
    private string? _greeting;
    private string _pendingText;
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
        // Whatever the login shell's rc files print comes before this frame, and is dropped with it.
        _greeting = NewMarker();
        _pendingText = EndOfFrame(_greeting, "0");
    }

    private static string NewMarker() => "__mc_done_" + Guid.NewGuid().ToString("N");

    private static string EndOfFrame(string marker, string status) =>
        $"printf '%s %d\\n' {marker} {status}; printf '%s\\n' {marker} >&2\n";

    /// <summary>Opens a shell on <paramref name="client"/>'s connection (throws SshException when it cannot).</summary>
    public static SshShell Start(SshClient client) => new(client);

    public SshClient Client { get; }

    /// <summary>Ready for another command: its last one ended cleanly and the shell still runs.</summary>
    public bool IsUsable => !_broken && !_execution.IsCompleted && SshTransport.IsUsable(Client);

    /// <summary>
    /// Sends <paramref name="body"/> (shell text that runs the command, see RemoteCommandLine.ShellBody) and
    /// reads its output up to the markers. Throws <see cref="CommandNotStartedException"/> when the
    /// text could not even be sent (nothing ran). On cancellation the shell is left broken; the caller
    /// stops the command.
    /// </summary>
    public async Task<CommandResult> RunAsync(string body, string pidFile, CommandRequest request, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var marker = NewMarker();
        var text = _pendingText + $"{body}\nmc_rc=$?; rm -f {ShellQuote.Quote(pidFile)}; " + EndOfFrame(marker, "\"$mc_rc\"");
        _pendingText = "";
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

        if (_greeting is { } greeting)
        {
            await AwaitFramesAsync(Task.WhenAll(_stdout.Next(greeting).CopyToAsync(Stream.Null, CancellationToken.None),
                _stderr.Next(greeting).CopyToAsync(Stream.Null, CancellationToken.None)), ct).ConfigureAwait(false);
            _greeting = null;
        }
        var stdout = new OutputPump(request.OnOutputLine, request.CaptureOutput);
        var stderr = new OutputPump(request.OnErrorLine, request.CaptureOutput);
        var outFrame = _stdout.Next(marker);
        var errFrame = _stderr.Next(marker);
        await AwaitFramesAsync(Task.WhenAll(stdout.ReadTextAsync(outFrame, CancellationToken.None),
            stderr.ReadTextAsync(errFrame, CancellationToken.None)), ct).ConfigureAwait(false);
        if (!int.TryParse(outFrame.Trailer, NumberStyles.Integer, CultureInfo.InvariantCulture, out var exitCode))
            throw new EndOfStreamException($"The host's shell sent an exit status it should not have: '{outFrame.Trailer}'.");
        _broken = false;
        return new CommandResult(exitCode, stdout.Text, stderr.Text, clock.Elapsed);
    }

    /// <summary>
    /// Waits for <paramref name="reads"/> of frames. They take no token: after a cancel they go on, and
    /// are abandoned with the shell. A shell (or connection) that ends first leaves the streams open.
    /// </summary>
    private async Task AwaitFramesAsync(Task reads, CancellationToken ct)
    {
        if (await Task.WhenAny(reads, _execution).WaitAsync(ct).ConfigureAwait(false) != reads
            && await Task.WhenAny(reads, Task.Delay(2000, CancellationToken.None)).ConfigureAwait(false) != reads)
        {
            await _execution.ConfigureAwait(false);
            throw new EndOfStreamException("The host's shell ended before the command finished.");
        }
        await reads.ConfigureAwait(false);
    }

    public void Dispose()
    {
        _broken = true;
        // End-of-file on its stdin ends the shell once its current command is over (a cancelled one is stopped by the caller).
        try { _input.Dispose(); } catch (Exception e) when (e is IOException or ObjectDisposedException or Renci.SshNet.Common.SshException) { }
        _channel.Dispose();
    }
}

/// <summary>The command could not even start: the connection or shell was gone. Nothing ran on the host.</summary>
internal sealed class CommandNotStartedException(Exception inner) : Exception(inner.Message, inner);
