namespace MagentoCloud.Engine.Data;

/// <summary>
/// Where the parts of a parallel transfer land: part 0 is the tables pass, 1..n the streams, n + 1 the triggers,
/// routines, events and views. Nothing of it counts until <see cref="CompleteAsync"/>; <see cref="AbandonAsync"/>
/// leaves the destination as it was.
/// </summary>
internal abstract class TransferTarget
{
    /// <summary>For the log: where the parts go, and what stays as it is meanwhile.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// One part: what <paramref name="produce"/> writes, through <paramref name="sanitizer"/>, into the target;
    /// <paramref name="beforeLoad"/> waits for a turn once the sanitized dump is ready to flow, <paramref name="afterLoad"/> ends it.
    /// </summary>
    public abstract Task<SanitizeReport> LoadAsync(int part, DumpSanitizer sanitizer, Func<Stream, CancellationToken, Task> produce,
        TransferProgress progress, CancellationToken cancellationToken, Func<CancellationToken, Task>? beforeLoad = null, Action? afterLoad = null);

    /// <summary>Every part has loaded: make them the destination's, at once.</summary>
    public abstract Task CompleteAsync(CancellationToken cancellationToken);

    /// <summary>Drops what the parts loaded; a failure to do so is a warning, the transfer's own error is the one to report.</summary>
    public abstract Task AbandonAsync(IOperationObserver observer);

    /// <summary>The sanitized bytes of one part, counted into progress as they reach the target.</summary>
    protected static Stream Counted(Stream clean, TransferProgress progress)
    {
        long counted = 0;
        return new CountingStream(clean, bytes =>
        {
            progress.AddBytes(bytes - counted);
            counted = bytes;
        });
    }
}
