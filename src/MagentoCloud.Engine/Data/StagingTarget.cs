using MySqlConnector;

namespace MagentoCloud.Engine.Data;

/// <summary>A parallel copy's target: every part imported by a client of its own into one staging schema, swapped in at the end.</summary>
internal sealed class StagingTarget(StagingSchema staging, DatabaseClient client) : TransferTarget
{
    public override string Description => $"into the staging schema {staging.Name}; {staging.Database} stays as it is until the import has fully succeeded";

    public override async Task<SanitizeReport> LoadAsync(int part, DumpSanitizer sanitizer, Func<Stream, CancellationToken, Task> produce,
        TransferProgress progress, CancellationToken cancellationToken, Func<CancellationToken, Task>? beforeLoad = null, Action? afterLoad = null) =>
        // Progress counts what reached an import client: the pipes ahead of one that waits its turn hold megabytes.
        await DumpPipe.RunAsync(produce, sanitizer, async (clean, ct) =>
        {
            if (beforeLoad is not null) await beforeLoad(ct).ConfigureAwait(false);
            // The streams' parts (those that wait for a loader's turn) hold rows only; the tables and the objects (DELIMITER blocks) go through the client.
            try
            {
                if (beforeLoad is null) await staging.ImportAsync(client, Counted(clean, progress), ct).ConfigureAwait(false);
                else await staging.LoadRowsAsync(client, Counted(clean, progress), ct).ConfigureAwait(false);
            }
            finally { afterLoad?.Invoke(); }
        }, null, cancellationToken).ConfigureAwait(false);

    public override Task CompleteAsync(CancellationToken cancellationToken) => staging.SwapInAsync(cancellationToken);

    public override async Task AbandonAsync(IOperationObserver observer)
    {
        try { await staging.DropAsync().ConfigureAwait(false); }
        catch (Exception e) when (e is MySqlException or IOException or TimeoutException)
        {
            observer.Warning($"The staging schema {staging.Name} could not be dropped ({e.Message}); the next copy into {staging.Database} drops it.");
        }
    }
}
