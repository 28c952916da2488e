using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// Copies, exports and imports environments' databases, each as an activity, through
/// <see cref="DatabaseTransfer"/>: data flows down sanitized when it leaves Production, never
/// into Production without force, and a destination that is overwritten gets a snapshot first.
/// </summary>
public sealed class DatabaseCopyService(Workspace workspace)
{
    /// <summary>Copies <paramref name="source"/>'s database into <paramref name="destination"/>'s.</summary>
    public async Task<CloudDatabaseCopy> CopyAsync(string source, string destination, DatabaseCopyOptions options,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        var from = workspace.Environments.Get(source);
        var to = workspace.Environments.Get(destination);
        if (from.Name == to.Name)
            throw new CloudException(CloudErrorId.InvalidArgument, $"Source and destination are both '{from.Name}'. Name two different environments.", from.Name);
        RefuseProduction(to, options, "copy a database into it");
        var sanitize = Sanitizing(from, to, options, observer);
        var selection = Selection(options);
        var description = $"Copy the database of {from.Name} into {to.Name}" + (sanitize ? " (sanitized)" : "");

        var (result, _) = await workspace.Activities.RunAsync(ActivityType.DatabaseCopy, to.Name, description, [to.Name],
            log => CopyCoreAsync(from, to, options, sanitize, selection, description, log, observer, cancellationToken), cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Sync-CloudEnvironment -Data: the parent's database and mounts into <paramref name="environment"/>, as one
    /// synchronize activity. A parent with an empty database gives a Skipped copy and a note.
    /// </summary>
    public async Task<CloudDatabaseCopy> SyncDataAsync(string environment, DatabaseCopyOptions options, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var to = workspace.Environments.Get(environment);
        if (to.Parent is not { } parentName)
            throw new CloudException(CloudErrorId.NoParent, $"'{to.Name}' has no parent to take data from. Copy from another environment with Copy-CloudDatabase.", to.Name);
        var from = workspace.Environments.Get(parentName);
        RefuseProduction(to, options, "synchronize data into it");
        var sanitize = Sanitizing(from, to, options, observer);
        var description = $"Synchronize the data of {to.Name} from {from.Name}" + (sanitize ? " (sanitized)" : "");
        var (result, _) = await workspace.Activities.RunAsync(ActivityType.Synchronize, to.Name, description, [to.Name], async log =>
        {
            var copy = await CopyCoreAsync(from, to, options, sanitize, Selection(options), description, log, observer, cancellationToken).ConfigureAwait(false);
            var files = await new SnapshotService(workspace).CopyFilesAsync(from, to, cancellationToken).ConfigureAwait(false);
            var note = files ? $"Mounts copied from {from.Name}." : $"{from.Name} has no mounts' files to copy.";
            log.Add(note);
            return new CloudDatabaseCopy
            {
                Source = copy.Source, Destination = copy.Destination, Database = copy.Database, Status = copy.Status, Tables = copy.Tables,
                Rows = copy.Rows, Bytes = copy.Bytes, Sanitized = copy.Sanitized, SanitizedColumns = copy.SanitizedColumns, SanitizeFindings = copy.SanitizeFindings,
                StrippedTables = copy.StrippedTables, Snapshot = copy.Snapshot, Duration = copy.Duration, ThrottleLimit = copy.ThrottleLimit,
                Notes = [.. copy.Notes, note], SettingsChanged = copy.SettingsChanged,
            };
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// New-CloudBranch's data: clones the parent's database and mounts into a new, active child.
    /// No snapshot (the child is new); a parent without data gives a Skipped copy with a note.
    /// </summary>
    public async Task<CloudDatabaseCopy> CloneFromParentAsync(string environment, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var to = workspace.Environments.Get(environment);
        if (to.Parent is { } parent && workspace.Environments.Get(parent).Status == EnvironmentStatus.Inactive)
            return new CloudDatabaseCopy
            {
                Source = parent, Destination = to.Name, Status = DatabaseCopyStatus.Skipped,
                Notes = [$"The parent {parent} is inactive, so it has no data to clone."],
            };
        // On the local default a parent that never had a database needs no server started to say so.
        if (to.Parent is { } name && workspace.TopologyFor(name, workspace.Environments.Get(name).Type).IsLocal
            && !new LocalDatabaseServer(workspace.LocalDirectory).HasDatabase(EnvironmentDatabase.LocalDatabaseName(name)))
            return new CloudDatabaseCopy
            {
                Source = name, Destination = to.Name, Status = DatabaseCopyStatus.Skipped,
                Notes = [$"The parent {name} has no database yet: nothing to clone."],
            };
        return await SyncDataAsync(environment, new DatabaseCopyOptions { NoSnapshot = true }, observer, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CloudDatabaseCopy> CopyCoreAsync(CloudEnvironment from, CloudEnvironment to, DatabaseCopyOptions options, bool sanitize,
        TableSelection selection, string description, List<string> log, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Read first: a broken .magento/sanitize.yaml stops the copy before any database is touched.
        var rules = sanitize ? SanitizeRules.ForProject(workspace.Root) : SanitizeRules.None;
        await using var sourceDb = await workspace.OpenDatabaseAsync(from.Name, observer, cancellationToken).ConfigureAwait(false);
        await using var destinationDb = await workspace.OpenDatabaseAsync(to.Name, observer, cancellationToken).ConfigureAwait(false);
        var notes = new List<string>();
        var plan = await DumpPlan.CreateAsync(sourceDb.Endpoint, selection, cancellationToken).ConfigureAwait(false);
        string? snapshot = null;
        RequireMatchingRules(rules, plan, from, options, notes, observer);
        if (!plan.IsEmpty) snapshot = await SnapshotFirstAsync(to.Name, destinationDb, options, notes, observer, cancellationToken).ConfigureAwait(false);
        var transfer = await DatabaseTransfer.CopyAsync(sourceDb.Endpoint, sourceDb.Client, destinationDb.Endpoint, destinationDb.Client,
            selection, rules, description, observer, cancellationToken, options.ThrottleLimit).ConfigureAwait(false);
        if (transfer.Report?.FindingsWarning is { } found) observer.Warning(found);
        if (!plan.IsEmpty) notes.AddRange(await AfterReplacingAsync(to, options, observer, cancellationToken).ConfigureAwait(false));
        var copy = Describe(from.Name, to.Name, destinationDb.Endpoint.Database, transfer, sanitize, snapshot, clock.Elapsed, notes);
        if (copy.Status == DatabaseCopyStatus.Successful) copy.SettingsChanged = await CopyDownSettings.ApplyAsync(workspace, from, to, destinationDb.Endpoint, notes, observer, cancellationToken).ConfigureAwait(false);
        log.AddRange(copy.Notes);
        log.Add($"{copy.Status}: {copy.Tables} tables, {copy.Rows:N0} rows, {copy.Bytes / 1048576.0:N1} MB in {copy.Duration.TotalSeconds:N1} s.");
        return copy;
    }

    /// <summary>Dumps an environment's database to a file (compressed as asked), optionally sanitized and stripped.</summary>
    public async Task<CloudDatabaseCopy> ExportAsync(string environment, string path, DumpCompression compression, DatabaseCopyOptions options,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        var env = workspace.Environments.Get(environment);
        var sanitize = options.Sanitize == true;
        path = Path.GetFullPath(path);
        var description = $"Export the database of {env.Name} to {Path.GetFileName(path)}" + (sanitize ? " (sanitized)" : "");
        var (result, _) = await workspace.Activities.RunAsync(ActivityType.DatabaseExport, env.Name, description, [], async log =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var database = await workspace.OpenDatabaseAsync(env.Name, observer, cancellationToken).ConfigureAwait(false);
            var rules = sanitize ? SanitizeRules.ForProject(workspace.Root) : SanitizeRules.None;
            var notes = new List<string>();
            if (sanitize) RequireMatchingRules(rules, await DumpPlan.CreateAsync(database.Endpoint, Selection(options), cancellationToken).ConfigureAwait(false),
                env, options, notes, observer);
            TransferResult transfer = null!;
            await WriteFileAsync(path, compression, async output => transfer = await DatabaseTransfer.ExportAsync(database.Endpoint, database.Client,
                Selection(options), rules, output, description, observer, cancellationToken, Path.GetDirectoryName(path), options.ThrottleLimit)
                .ConfigureAwait(false)).ConfigureAwait(false);
            if (transfer.Report?.FindingsWarning is { } found) observer.Warning(found);
            var export = Describe(env.Name, path, database.Endpoint.Database, transfer, sanitize, null, clock.Elapsed, notes);
            log.Add($"{export.Tables} tables, {export.Rows:N0} rows, {export.Bytes / 1048576.0:N1} MB of SQL, {new FileInfo(path).Length / 1048576.0:N1} MB on disk.");
            return export;
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Imports a dump file (plain, gzip or zstd, by its first bytes) into an environment's database: staged, then swapped in.</summary>
    public async Task<CloudDatabaseCopy> ImportAsync(string environment, string path, DatabaseCopyOptions options,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        var env = workspace.Environments.Get(environment);
        RefuseProduction(env, options, "import a database into it");
        path = Path.GetFullPath(path);
        await using var input = DumpFile.OpenRead(path, out var compression);
        var description = $"Import {Path.GetFileName(path)} into {env.Name}";
        var (result, _) = await workspace.Activities.RunAsync(ActivityType.DatabaseImport, env.Name, description, [env.Name], async log =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var database = await workspace.OpenDatabaseAsync(env.Name, observer, cancellationToken).ConfigureAwait(false);
            var notes = new List<string> { $"Read a {compression} dump." };
            var snapshot = await SnapshotFirstAsync(env.Name, database, options, notes, observer, cancellationToken).ConfigureAwait(false);
            var streams = await DatabaseTransfer.LoadStreamsAsync(database.Endpoint, database.Client, options.ThrottleLimit, cancellationToken).ConfigureAwait(false);
            var report = await DatabaseTransfer.ImportAsync(input, database.Endpoint, database.Client, SanitizeRules.None, description, observer,
                cancellationToken, streams).ConfigureAwait(false);
            notes.AddRange(await AfterReplacingAsync(env, options, observer, cancellationToken).ConfigureAwait(false));
            var import = new CloudDatabaseCopy
            {
                Source = path, Destination = env.Name, Database = database.Endpoint.Database, Status = DatabaseCopyStatus.Successful,
                Tables = report.Tables.Count, Rows = report.Rows, Bytes = report.BytesRead, Snapshot = snapshot, Duration = clock.Elapsed, Notes = notes,
                ThrottleLimit = streams,
            };
            log.AddRange(notes);
            log.Add($"{import.Tables} tables, {import.Rows:N0} rows, {import.Bytes / 1048576.0:N1} MB of SQL.");
            return import;
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>A cache of the old data is wrong: empties the environment's Redis cache databases, unless told not to.</summary>
    private async Task<IReadOnlyList<string>> AfterReplacingAsync(CloudEnvironment environment, DatabaseCopyOptions options, IOperationObserver observer,
        CancellationToken cancellationToken) =>
        options.KeepCache
            ? [$"{environment.Name}'s Redis cache was kept (-KeepCache): clear it (bin/magento cache:flush) if pages show the old data."]
            : await new Services.EnvironmentServices(workspace.Root).FlushCacheAsync(environment.Name, environment.Type, observer, cancellationToken)
                .ConfigureAwait(false);

    /// <summary>Writes a file through a temporary name beside it, so a failed export leaves no half file.</summary>
    internal static async Task WriteFileAsync(string path, DumpCompression compression, Func<Stream, Task> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.partial");
        try
        {
            var (compressor, file) = DumpFile.Create(temporary, compression);
            await using (file)
            {
                await using (compressor) await write(compressor).ConfigureAwait(false);
                await file.FlushAsync().ConfigureAwait(false);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private async Task<string?> SnapshotFirstAsync(string environment, EnvironmentDatabase database, DatabaseCopyOptions options, List<string> notes,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        if (options.NoSnapshot)
        {
            notes.Add("No snapshot of the destination was taken (-NoSnapshot).");
            return null;
        }
        var plan = await DumpPlan.CreateAsync(database.Endpoint, TableSelection.All, cancellationToken).ConfigureAwait(false);
        if (plan.IsEmpty)
        {
            notes.Add("The destination database was empty: no snapshot needed.");
            return null;
        }
        var snapshot = await new SnapshotService(workspace).CreateDatabaseSnapshotAsync(environment, database, observer, cancellationToken).ConfigureAwait(false);
        notes.Add($"Snapshot {snapshot.Id} of {environment} taken first; Restore-CloudSnapshot -Environment {environment} -Id {snapshot.Id} brings it back.");
        return snapshot.Id;
    }

    /// <summary>
    /// Sanitizing rules that match no table of the dump protect nothing but the sanitizer's guesses: an error for
    /// Production's data unless forced, a warning (and a note) otherwise.
    /// </summary>
    private static void RequireMatchingRules(SanitizeRules rules, DumpPlan plan, CloudEnvironment from, DatabaseCopyOptions options,
        List<string> notes, IOperationObserver observer)
    {
        if (rules.MatchesNothing(plan.Tables.DataTables, from.Name) is not { } nothing) return;
        if (from.Type == EnvironmentType.Production && !options.Force)
            throw new CloudException(CloudErrorId.SanitizeRulesMatchNothing,
                nothing + " Production's data is not copied out so. Fix the rules, or run the command again with -Force to rely on the guesses alone.",
                SanitizeRules.ProjectFile);
        observer.Warning(nothing);
        notes.Add(nothing);
    }

    private static void RefuseProduction(CloudEnvironment destination, DatabaseCopyOptions options, string what)
    {
        if (destination.Type == EnvironmentType.Production && !options.Force)
            throw new CloudException(CloudErrorId.EnvironmentProtected,
                $"'{destination.Name}' is a Production environment: to {what} would overwrite its live orders and customers. " +
                "Data flows down from Production, not up. If you really mean it, run the command again with -Force.", destination.Name);
    }

    private static bool Sanitizing(CloudEnvironment from, CloudEnvironment to, DatabaseCopyOptions options, IOperationObserver observer)
    {
        var leavesProduction = from.Type == EnvironmentType.Production && to.Type != EnvironmentType.Production;
        if (options.Sanitize == false && leavesProduction)
            observer.Warning($"Copying {from.Name}'s customer data into {to.Name} without sanitizing: personal data of real customers " +
                             "(emails, names, addresses, phone numbers, IPs) will be readable there.");
        return options.Sanitize ?? leavesProduction;
    }

    private static TableSelection Selection(DatabaseCopyOptions options) => new(options.Strip, options.Exclude, options.Include);

    internal static CloudDatabaseCopy Describe(string source, string destination, string database, TransferResult transfer, bool sanitized,
        string? snapshot, TimeSpan duration, List<string> notes)
    {
        if (transfer.Report is not { } report)
        {
            notes.Add($"The source database {transfer.Plan.Database} has no tables (or none selected): nothing was copied.");
            return new CloudDatabaseCopy
            {
                Source = source, Destination = destination, Database = database, Status = DatabaseCopyStatus.Skipped,
                Sanitized = sanitized, Snapshot = snapshot, Duration = duration, Notes = notes,
            };
        }
        if (transfer.Plan.Tables.SkippedTables.Count > 0)
            notes.Add($"Left out: {string.Join(", ", transfer.Plan.Tables.SkippedTables)}.");
        notes.AddRange(transfer.Notes);
        if (report.FindingsWarning is { } found) notes.Add(found);
        return new CloudDatabaseCopy
        {
            Source = source, Destination = destination, Database = database, Status = DatabaseCopyStatus.Successful,
            Tables = transfer.Plan.TableCount, Rows = report.Rows, Bytes = report.BytesRead, Sanitized = sanitized,
            SanitizedColumns = report.SanitizedColumns, SanitizeFindings = report.Findings, StrippedTables = transfer.Plan.Tables.StructureOnlyTables,
            Snapshot = snapshot, Duration = duration, ThrottleLimit = transfer.Streams, Notes = notes,
        };
    }
}
