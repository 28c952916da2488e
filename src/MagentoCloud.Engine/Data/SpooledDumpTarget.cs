namespace MagentoCloud.Engine.Data;

/// <summary>
/// A parallel export's target: each part written to a file of its own in <paramref name="folder"/> (hidden, beside the
/// export), then all of them, in order, into <paramref name="output"/>: one ordinary dump that any import reads.
/// </summary>
internal sealed class SpooledDumpTarget(string folder, Stream output) : TransferTarget
{
    private readonly string _prefix = Path.Combine(folder, $".mc-export-{Guid.NewGuid():N}.part");
    private readonly SortedSet<int> _parts = [];

    public override string Description => $"through part files beside the dump in {folder}, joined into the dump once all have succeeded";

    public override async Task<SanitizeReport> LoadAsync(int part, DumpSanitizer sanitizer, Func<Stream, CancellationToken, Task> produce,
        TransferProgress progress, CancellationToken cancellationToken, Func<CancellationToken, Task>? beforeLoad = null, Action? afterLoad = null)
    {
        lock (_parts) _parts.Add(part);
        return await DumpPipe.RunAsync(produce, sanitizer, async (clean, ct) =>
        {
            if (beforeLoad is not null) await beforeLoad(ct).ConfigureAwait(false);
            try
            {
                await using var file = new FileStream(_prefix + part, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await Counted(clean, progress).CopyToAsync(file, 1 << 20, ct).ConfigureAwait(false);
            }
            finally { afterLoad?.Invoke(); }
        }, null, cancellationToken).ConfigureAwait(false);
    }

    public override async Task CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var part in _parts)
        {
            await using (var file = new FileStream(_prefix + part, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
                await file.CopyToAsync(output, 1 << 20, cancellationToken).ConfigureAwait(false);
            File.Delete(_prefix + part);
        }
    }

    public override Task AbandonAsync(IOperationObserver observer)
    {
        foreach (var part in _parts)
        {
            try { File.Delete(_prefix + part); }
            catch (IOException e) { observer.Warning($"The part file {_prefix + part} could not be removed ({e.Message})."); }
        }
        return Task.CompletedTask;
    }
}
