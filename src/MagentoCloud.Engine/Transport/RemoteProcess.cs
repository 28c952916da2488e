namespace MagentoCloud.Engine.Transport;

/// <summary>
/// A command on a transport that this side talks to while it runs (a Git protocol peer): bytes
/// written to <see cref="Input"/> reach its stdin as they are written, its stdout is read from
/// <see cref="Output"/> as it arrives. Closing the input sends end-of-file.
/// </summary>
public sealed class RemoteProcess : IAsyncDisposable
{
    private readonly StreamPipe _stdin = new();
    private readonly StreamPipe _stdout = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _errors = [];
    private int _inputClosed;
    private int _disposed;

    private RemoteProcess(ITransport transport, IReadOnlyList<string> arguments)
    {
        Description = ShellQuote.Join(arguments);
        Input = _stdin.Writer;
        Output = _stdout.Reader;
        Completion = RunAsync(transport, arguments);
    }

    /// <summary>Starts <paramref name="arguments"/> (argv; quoted for the remote shell by the transport).</summary>
    public static RemoteProcess Start(ITransport transport, params string[] arguments) => new(transport, arguments);

    public string Description { get; }

    /// <summary>The command's stdin. Writes are sent at once.</summary>
    public Stream Input { get; }

    /// <summary>The command's stdout; ends when the command exits. A transport failure surfaces here as its CloudException.</summary>
    public Stream Output { get; }

    /// <summary>The command's end: its exit code and its stderr text.</summary>
    public Task<CommandResult> Completion { get; }

    /// <summary>The command's stderr so far, line by line.</summary>
    public string ErrorText
    {
        get { lock (_errors) return string.Join("\n", _errors); }
    }

    /// <summary>Sends end-of-file to the command's stdin.</summary>
    public void CloseInput()
    {
        if (Interlocked.Exchange(ref _inputClosed, 1) == 0) _stdin.CompleteWriting();
    }

    private async Task<CommandResult> RunAsync(ITransport transport, IReadOnlyList<string> arguments)
    {
        await Task.Yield(); // the caller gets its streams before any connecting happens
        try
        {
            var result = await transport.RunAsync(new CommandRequest
            {
                Arguments = arguments,
                StandardInput = _stdin.Reader,
                StandardOutput = _stdout.Writer,
                OnErrorLine = line => { lock (_errors) _errors.Add(line); },
            }, _stop.Token).ConfigureAwait(false);
            _stdout.CompleteWriting();
            return result;
        }
        catch (Exception e)
        {
            _stdout.CompleteWriting(e);
            throw;
        }
        finally
        {
            CloseInput(); // the command is gone: a writer must not wait for it
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        // A Git peer ends by itself once the exchange is over; an end-of-file sent as it exits can reach
        // the host after the channel closed, and the host then drops the whole shared connection. So
        // the end-of-file goes only to a peer still running after a moment.
        if (!Completion.IsCompleted) await Task.WhenAny(Completion, Task.Delay(1000)).ConfigureAwait(false);
        CloseInput();
        if (!Completion.IsCompleted)
        {
            // A peer that does not stop at end-of-file is stopped.
            if (await Task.WhenAny(Completion, Task.Delay(5000)).ConfigureAwait(false) != Completion) _stop.Cancel();
        }
        try { await Completion.ConfigureAwait(false); }
        catch (Exception) { /* reported through Output or Completion to whoever asked */ }
        _stop.Dispose();
    }
}
