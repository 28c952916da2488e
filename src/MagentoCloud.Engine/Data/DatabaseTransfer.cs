namespace MagentoCloud.Engine.Data;

/// <summary>
/// The data copy engine, below environments: a dump client's output, or a dump file, streams through
/// the sanitizer into a staging schema of the destination (then swapped in) or into a file.
/// Nothing is written to disk in between.
/// </summary>
public static class DatabaseTransfer
{
    /// <summary>
    /// Copies <paramref name="source"/>'s database into <paramref name="destination"/>'s: dump on the
    /// source's host, sanitize here, import on the destination's host into a staging schema, swap in.
    /// Several streams at once (<see cref="ParallelTransfer"/>) when the hosts allow, one otherwise.
    /// </summary>
    /// <param name="source">Where to query the source from here; <paramref name="sourceClient"/> runs its dump.</param>
    /// <param name="destination">Where to manage the destination from here; <paramref name="destinationClient"/> runs its import.</param>
    /// <param name="throttleLimit">Streams at most; null: the cores of the slower database server (see <see cref="CopyThrottle"/>).</param>
    public static async Task<TransferResult> CopyAsync(
        DatabaseEndpoint source, DatabaseClient sourceClient,
        DatabaseEndpoint destination, DatabaseClient destinationClient,
        TableSelection selection, SanitizeRules rules, string activity, IOperationObserver observer, CancellationToken cancellationToken,
        int? throttleLimit = null)
    {
        var plan = await DumpPlan.CreateAsync(source, selection, cancellationToken).ConfigureAwait(false);
        if (plan.IsEmpty) return new TransferResult(plan, null);
        var streams = CopyThrottle.Cap(throttleLimit ?? await CopyThrottle.DefaultAsync(source, destination, cancellationToken).ConfigureAwait(false),
            sourceClient.Transport, destinationClient.Transport);
        if (streams > 1 && plan.Tables.DataTables.Count > 1
            && await ParallelTransfer.TryCopyAsync(plan, source, sourceClient, destination, destinationClient, rules, streams, activity, observer,
                cancellationToken).ConfigureAwait(false) is { } parallel)
            return parallel;
        var report = await IntoStagingAsync(destination, destinationClient, plan.TableCount, plan.Tables.StructureOnlyTables, rules, activity, observer,
            (output, ct) => plan.WriteAsync(sourceClient, output, ct), cancellationToken).ConfigureAwait(false);
        return new TransferResult(plan, report)
        {
            Notes = streams > 1 && plan.Tables.DataTables.Count > 1
                ? [$"Copied over one stream: the source's tables could not be locked for reading within {ParallelTransfer.LockWaitSeconds} s."]
                : [],
        };
    }

    /// <summary>
    /// Dumps <paramref name="source"/> (sanitized by <paramref name="rules"/>) into <paramref name="output"/>: one ordinary dump.
    /// Given a <paramref name="spoolFolder"/>, over several streams at once that share one snapshot (<see cref="ParallelTransfer"/>),
    /// their parts written there meanwhile and joined into <paramref name="output"/> in order once all have succeeded.
    /// </summary>
    /// <param name="throttleLimit">Streams at most; null: the source server's cores (see <see cref="CopyThrottle"/>).</param>
    public static async Task<TransferResult> ExportAsync(
        DatabaseEndpoint source, DatabaseClient sourceClient, TableSelection selection, SanitizeRules rules,
        Stream output, string activity, IOperationObserver observer, CancellationToken cancellationToken,
        string? spoolFolder = null, int? throttleLimit = null)
    {
        var plan = await DumpPlan.CreateAsync(source, selection, cancellationToken).ConfigureAwait(false);
        if (plan.IsEmpty) return new TransferResult(plan, null);
        var streams = spoolFolder is null ? 1 : CopyThrottle.Cap(throttleLimit ?? await CopyThrottle.DefaultAsync(source, source, cancellationToken)
            .ConfigureAwait(false), sourceClient.Transport, new Transport.LocalTransport());
        if (streams > 1 && plan.Tables.DataTables.Count > 1
            && await ParallelTransfer.TryExportAsync(plan, source, sourceClient, output, spoolFolder!, rules, streams, activity, observer,
                cancellationToken).ConfigureAwait(false) is { } parallel)
            return parallel;
        var progress = new TransferProgress(observer, activity, plan.TableCount);
        var report = await DumpPipe.RunAsync((o, ct) => plan.WriteAsync(sourceClient, o, ct),
            Sanitizer(rules, plan.Tables.StructureOnlyTables, progress),
            async (input, ct) => await input.CopyToAsync(output, 1 << 20, ct).ConfigureAwait(false),
            progress.Bytes, cancellationToken).ConfigureAwait(false);
        progress.Completed();
        return new TransferResult(plan, report);
    }

    /// <summary>
    /// Imports the dump read from <paramref name="input"/> into <paramref name="destination"/>, staged and swapped in; over
    /// several connections (<see cref="ParallelLoad"/>) when <paramref name="throttleLimit"/> (see <see cref="LoadStreamsAsync"/>) allows.
    /// </summary>
    public static async Task<SanitizeReport> ImportAsync(
        Stream input, DatabaseEndpoint destination, DatabaseClient destinationClient, SanitizeRules rules,
        string activity, IOperationObserver observer, CancellationToken cancellationToken, int? throttleLimit = null) =>
        await IntoStagingAsync(destination, destinationClient, 0, [], rules, activity, observer,
            (output, ct) => input.CopyToAsync(output, 1 << 20, ct), cancellationToken,
            await LoadStreamsAsync(destination, destinationClient, throttleLimit, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

    /// <summary>
    /// The connections an import into <paramref name="destination"/> loads over: <paramref name="throttleLimit"/>, or the
    /// cores of its server (see <see cref="CopyThrottle"/>), within the channels its client's host allows.
    /// </summary>
    public static async Task<int> LoadStreamsAsync(DatabaseEndpoint destination, DatabaseClient destinationClient, int? throttleLimit,
        CancellationToken cancellationToken) =>
        CopyThrottle.Cap(throttleLimit ?? await CopyThrottle.DefaultAsync(destination, destination, cancellationToken).ConfigureAwait(false),
            new Transport.LocalTransport(), destinationClient.Transport);

    private static async Task<SanitizeReport> IntoStagingAsync(
        DatabaseEndpoint destination, DatabaseClient destinationClient, int tables, IReadOnlyList<string> structureOnly, SanitizeRules rules,
        string activity, IOperationObserver observer, Func<Stream, CancellationToken, Task> produce, CancellationToken cancellationToken,
        int streams = 1)
    {
        var progress = new TransferProgress(observer, activity, tables);
        var staging = await StagingSchema.CreateAsync(destination, cancellationToken).ConfigureAwait(false);
        observer.Log($"Importing into the staging schema {staging.Name}; {destination.Database} stays as it is until the import has fully succeeded");
        try
        {
            var report = await DumpPipe.RunAsync(produce, Sanitizer(rules, structureOnly, progress),
                streams > 1 ? (input, ct) => ParallelLoad.RunAsync(input, staging, destinationClient, streams, observer, ct)
                    : (input, ct) => staging.ImportAsync(destinationClient, input, ct), progress.Bytes, cancellationToken).ConfigureAwait(false);
            progress.Status("Swapping the imported tables in");
            cancellationToken.ThrowIfCancellationRequested();
            await staging.SwapInAsync(cancellationToken).ConfigureAwait(false);
            progress.Completed();
            return report;
        }
        catch
        {
            await DropLeavingTheErrorAsync(staging, observer).ConfigureAwait(false);
            progress.Completed();
            throw;
        }
    }

    /// <summary>The import's own error is the one to report; a staging schema that cannot be dropped now goes with the next copy.</summary>
    private static async Task DropLeavingTheErrorAsync(StagingSchema staging, IOperationObserver observer)
    {
        try
        {
            await staging.DropAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is MySqlConnector.MySqlException or IOException or TimeoutException)
        {
            observer.Warning($"The staging schema {staging.Name} could not be dropped ({e.Message}); the next copy into {staging.Database} drops it.");
        }
    }

    private static DumpSanitizer Sanitizer(SanitizeRules rules, IReadOnlyList<string> structureOnly, TransferProgress progress) =>
        new(rules, DumpSanitizer.NewKey(), new DumpSanitizerOptions
        {
            StructureOnlyTables = structureOnly.ToHashSet(StringComparer.Ordinal),
            TableStarted = progress.TableStarted,
            RowsPassed = progress.RowsPassed,
            StayInTargetDatabase = true,
        });
}
