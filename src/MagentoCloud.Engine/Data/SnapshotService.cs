using System.Security.Cryptography;
using System.Text.Json;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// Snapshots of environments under <c>.magento/local/snapshots/&lt;env&gt;/&lt;id&gt;/</c>: the database
/// as <c>database.sql.zst</c>, the mounts (the environment's <c>shared/</c> folder, read through its
/// host's transport, or its shared storage) as <c>files.tar.zst</c>, the shared storage apart as
/// <c>shared-files.tar.zst</c> when only some mounts are on it, and <c>snapshot.json</c>. Restoring stages the database
/// and swaps it in, and extracts the files beside <c>shared/</c> before renaming them into place.
/// </summary>
public sealed class SnapshotService(Workspace workspace)
{
    private const string RecordFile = "snapshot.json";
    private const string DatabaseFile = "database.sql.zst";
    private const string FilesFile = "files.tar.zst";
    private const string SharedFilesFile = "shared-files.tar.zst";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    // The name is checked before it becomes a path: "../../x" must not read or write outside the snapshots.
    private string Folder(string environment) => Path.Combine(workspace.LocalDirectory, "snapshots", EnvironmentName.Normalize(environment));

    /// <summary>Takes a snapshot of the database and the mounts, as an activity.</summary>
    public async Task<CloudSnapshot> CreateAsync(string environment, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var env = workspace.Environments.Get(environment);
        var (result, _) = await workspace.Activities.RunAsync(ActivityType.Backup, env.Name, $"Snapshot of {env.Name}", [], async log =>
        {
            await using var database = await workspace.OpenDatabaseAsync(env.Name, observer, cancellationToken).ConfigureAwait(false);
            var snapshot = await WriteAsync(env, database, withFiles: true, observer, cancellationToken).ConfigureAwait(false);
            log.Add($"Snapshot {snapshot.Id}: {snapshot.Tables} tables ({snapshot.DatabaseBytes / 1048576.0:N1} MB), files {snapshot.FilesBytes / 1048576.0:N1} MB.");
            return snapshot;
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>A database-only snapshot, taken inside another activity (a copy or import that overwrites the database).</summary>
    internal Task<CloudSnapshot> CreateDatabaseSnapshotAsync(string environment, EnvironmentDatabase database, IOperationObserver observer, CancellationToken cancellationToken) =>
        WriteAsync(workspace.Environments.Get(environment), database, withFiles: false, observer, cancellationToken);

    /// <summary>The snapshots of one environment (or all), newest first.</summary>
    public IReadOnlyList<CloudSnapshot> List(string? environment = null)
    {
        if (environment is not null) environment = EnvironmentName.Normalize(environment);
        var root = Path.Combine(workspace.LocalDirectory, "snapshots");
        if (!Directory.Exists(root)) return [];
        var folders = environment is null
            ? Directory.GetDirectories(root).SelectMany(Directory.GetDirectories)
            : Directory.Exists(Folder(environment)) ? Directory.GetDirectories(Folder(environment)) : [];
        return folders.Select(f => Path.Combine(f, RecordFile)).Where(File.Exists)
            .Select(ReadRecord).OrderByDescending(s => s.CreatedAt).ToList();
    }

    private static CloudSnapshot ReadRecord(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<CloudSnapshot>(File.ReadAllText(file))
                ?? throw new JsonException("the record is empty");
        }
        catch (JsonException e)
        {
            throw new CloudException(CloudErrorId.SnapshotNotFound,
                $"The snapshot record {file} is damaged ({e.Message}). Remove that snapshot's folder, or take a new snapshot with New-CloudSnapshot.", file, e);
        }
    }

    public CloudSnapshot Get(string environment, string id) =>
        List(environment).FirstOrDefault(s => s.Id == id)
        ?? throw new CloudException(CloudErrorId.SnapshotNotFound,
            $"Environment '{environment}' has no snapshot '{id}'. List them with Get-CloudSnapshot -Environment {environment}.", id);

    /// <summary>
    /// Puts a snapshot back: the database staged and swapped in, the files (if it holds any) renamed into place. With
    /// <paramref name="from"/> naming another environment, that environment's snapshot lands in <paramref name="environment"/>
    /// with a copy down's safety: customer data sanitized when it leaves Production, base URLs rewritten to this environment's
    /// routes, the overrides applied and config.php imported again, refused while a source host name remains
    /// (<see cref="CopyDownSettings"/>); into Production only with <paramref name="force"/>.
    /// </summary>
    /// <param name="throttleLimit">Connections the load runs over at most; null: the database server's cores.</param>
    public async Task<CloudSnapshot> RestoreAsync(string environment, string id, IOperationObserver observer, CancellationToken cancellationToken,
        bool keepCache = false, string? from = null, bool force = false, int? throttleLimit = null)
    {
        var env = workspace.Environments.Get(environment);
        var source = from is null ? env : workspace.Environments.Get(from);
        var copyDown = source.Name != env.Name;
        if (copyDown && env.Type == EnvironmentType.Production && !force)
            throw new CloudException(CloudErrorId.EnvironmentProtected,
                $"'{env.Name}' is a Production environment: restoring {source.Name}'s snapshot into it would overwrite its live orders and customers. " +
                "Data flows down from Production, not up. If you really mean it, run the command again with -Force.", env.Name);
        var snapshot = id.Equals("latest", StringComparison.OrdinalIgnoreCase)
            ? List(source.Name).FirstOrDefault() ?? throw new CloudException(CloudErrorId.SnapshotNotFound,
                $"Environment '{source.Name}' has no snapshot yet. Take one with New-CloudSnapshot -Environment {source.Name}.", source.Name)
            : Get(source.Name, id);
        var description = copyDown ? $"Restore snapshot {snapshot.Id} of {source.Name} into {env.Name}" : $"Restore snapshot {snapshot.Id} into {env.Name}";
        var (result, _) = await workspace.Activities.RunAsync(ActivityType.Restore, env.Name, description, [env.Name], async log =>
        {
            await using var database = await workspace.OpenDatabaseAsync(env.Name, observer, cancellationToken).ConfigureAwait(false);
            var streams = await DatabaseTransfer.LoadStreamsAsync(database.Endpoint, database.Client, throttleLimit, cancellationToken).ConfigureAwait(false);
            // As Copy-CloudDatabase does by default: real customers' personal data stays in Production.
            var sanitize = copyDown && source.Type == EnvironmentType.Production && env.Type != EnvironmentType.Production;
            await using (var input = DumpFile.OpenRead(Path.Combine(snapshot.Path, DatabaseFile), out _))
                await DatabaseTransfer.ImportAsync(input, database.Endpoint, database.Client, sanitize ? SanitizeRules.ForProject(workspace.Root) : SanitizeRules.None,
                    description, observer, cancellationToken, streams).ConfigureAwait(false);
            log.Add($"Database restored from snapshot {snapshot.Id} ({snapshot.Tables} tables{(sanitize ? ", customer data sanitized" : "")}, loaded over {streams} connections).");
            IReadOnlyList<CloudSettingChange> changed = [];
            if (copyDown)
            {
                var notes = new List<string>();
                changed = await CopyDownSettings.ApplyAsync(workspace, source, env, database.Endpoint, notes, observer, cancellationToken).ConfigureAwait(false);
                log.AddRange(notes);
            }
            if (!keepCache)
                log.AddRange(await new Services.EnvironmentServices(workspace.Root).FlushCacheAsync(env.Name, env.Type, observer, cancellationToken).ConfigureAwait(false));
            await RestoreFilesAsync(env, snapshot.Path, snapshot.Id, log, cancellationToken).ConfigureAwait(false);
            return copyDown ? snapshot.RestoredInto(env.Name, changed, sanitize) : snapshot;
        }, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task<CloudSnapshot> WriteAsync(CloudEnvironment env, EnvironmentDatabase database, bool withFiles, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.Now;
        var id = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss") + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(2)).ToLowerInvariant();
        var folder = Path.Combine(Folder(env.Name), id);
        Directory.CreateDirectory(folder);
        try
        {
            TransferResult transfer = null!;
            await DatabaseCopyService.WriteFileAsync(Path.Combine(folder, DatabaseFile), DumpCompression.Zstd, async output =>
                transfer = await DatabaseTransfer.ExportAsync(database.Endpoint, database.Client, TableSelection.All, SanitizeRules.None, output,
                    $"Snapshot of {env.Name}", observer, cancellationToken, folder).ConfigureAwait(false)).ConfigureAwait(false);
            var filesBytes = withFiles ? await ArchiveFilesAsync(env, folder, cancellationToken).ConfigureAwait(false) : 0;
            var snapshot = new CloudSnapshot
            {
                Id = id, Environment = env.Name, CreatedAt = now, Database = database.Endpoint.Database,
                DatabaseBytes = new FileInfo(Path.Combine(folder, DatabaseFile)).Length, FilesBytes = filesBytes,
                Tables = transfer.Plan.TableCount, Path = folder,
            };
            await File.WriteAllTextAsync(Path.Combine(folder, RecordFile), JsonSerializer.Serialize(snapshot, Json), CancellationToken.None).ConfigureAwait(false);
            return snapshot;
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>Archives the environment's mounts into the snapshot folder <paramref name="folder"/>, one archive per place (see <see cref="Places"/>); returns their bytes.</summary>
    internal async Task<long> ArchiveFilesAsync(CloudEnvironment env, string folder, CancellationToken cancellationToken)
    {
        long filesBytes = 0;
        foreach (var place in Places(env))
        {
            if (!await place.Transport.ExistsAsync(place.Files, cancellationToken).ConfigureAwait(false)) continue;
            var files = Path.Combine(folder, place.Archive);
            await DatabaseCopyService.WriteFileAsync(files, DumpCompression.Zstd, async output =>
            {
                var result = await place.Transport.RunAsync(new CommandRequest
                {
                    Arguments = ["tar", "-C", place.Files, "-cf", "-", "."],
                    StandardOutput = output,
                }, cancellationToken).ConfigureAwait(false);
                result.EnsureSuccess($"Archiving the mounts of {env.Name} on {place.Transport.Host}", env.Name);
            }).ConfigureAwait(false);
            filesBytes += new FileInfo(files).Length;
        }
        return filesBytes;
    }

    /// <summary>Puts the archives of the snapshot folder <paramref name="folder"/> back, each into its place of <paramref name="env"/>.</summary>
    internal async Task RestoreFilesAsync(CloudEnvironment env, string folder, string id, List<string> log, CancellationToken cancellationToken)
    {
        var places = Places(env);
        foreach (var place in places)
        {
            var files = Path.Combine(folder, place.Archive);
            if (!File.Exists(files)) continue;
            await RestoreFilesAsync(place.Transport, place.Files, files, id, cancellationToken).ConfigureAwait(false);
            log.Add($"Mounts restored under {place.Files} on {place.Transport.Host}.");
        }
        if (File.Exists(Path.Combine(folder, SharedFilesFile)) && !places.Any(p => p.Archive == SharedFilesFile))
            log.Add($"The snapshot's mounts on shared storage were not restored: {env.Name} has no mounts both on shared storage and per host.");
    }

    /// <summary>
    /// Copies <paramref name="from"/>'s mounts into <paramref name="to"/>'s, streaming a tar from one
    /// host to the other; false when the source has no files to copy.
    /// </summary>
    internal async Task<bool> CopyFilesAsync(CloudEnvironment from, CloudEnvironment to, CancellationToken cancellationToken)
    {
        var copied = false;
        var destinations = Places(to);
        foreach (var source in Places(from))
            if (destinations.FirstOrDefault(d => d.Archive == source.Archive) is { } destination)
                copied |= await CopyPlaceAsync(from, source, destination, cancellationToken).ConfigureAwait(false);
        return copied;
    }

    private static async Task<bool> CopyPlaceAsync(CloudEnvironment from, FilesPlace source, FilesPlace destination, CancellationToken cancellationToken)
    {
        if (!await source.Transport.ExistsAsync(source.Files, cancellationToken).ConfigureAwait(false)) return false;
        var pipe = new StreamPipe();
        var archive = Task.Run(async () =>
        {
            try
            {
                var result = await source.Transport.RunAsync(new CommandRequest
                {
                    Arguments = ["tar", "-C", source.Files, "-cf", "-", "."], StandardOutput = pipe.Writer,
                }, cancellationToken).ConfigureAwait(false);
                result.EnsureSuccess($"Archiving the mounts of {from.Name} on {source.Transport.Host}", from.Name);
                pipe.CompleteWriting();
            }
            catch (Exception e)
            {
                pipe.CompleteWriting(e);
                throw;
            }
        }, CancellationToken.None);
        try
        {
            await ReplaceSharedAsync(destination.Transport, destination.Files, pipe.Reader, Convert.ToHexString(RandomNumberGenerator.GetBytes(4)), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            pipe.CompleteReading();
            try { await archive.ConfigureAwait(false); } catch when (cancellationToken.IsCancellationRequested) { }
        }
        return true;
    }

    private static async Task RestoreFilesAsync(ITransport transport, string files, string archive, string id, CancellationToken cancellationToken)
    {
        await using var input = DumpFile.OpenRead(archive, out _);
        await ReplaceSharedAsync(transport, files, input, id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Extracts a tar of the mounts beside their folder <paramref name="files"/>, and only when that fully succeeded renames it into place.</summary>
    private static async Task ReplaceSharedAsync(ITransport transport, string files, Stream tar, string id, CancellationToken cancellationToken)
    {
        var staged = $"{files}.restore-{id}";
        var old = $"{files}.old-{id}";
        await transport.DeleteAsync(staged, recursive: true, cancellationToken).ConfigureAwait(false);
        await transport.CreateDirectoryAsync(staged, cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await transport.RunAsync(new CommandRequest { Arguments = ["tar", "-C", staged, "-xf", "-"], StandardInput = tar }, cancellationToken).ConfigureAwait(false);
            result.EnsureSuccess($"Extracting the mounts on {transport.Host}", files);
        }
        catch
        {
            await transport.DeleteAsync(staged, recursive: true, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        // Fully extracted beside it: two renames in one command on the host, so shared/ is missing for a
        // moment only (rename(2) cannot swap two directories), then the old files go.
        var swap = await transport.RunAsync(CommandRequest.Command("sh", "-c",
            "if [ -e \"$1\" ]; then mv -T -- \"$1\" \"$3\" || { rm -rf -- \"$2\"; exit 1; }; fi\n" +
            "mv -T -- \"$2\" \"$1\" || { [ ! -e \"$3\" ] || mv -T -- \"$3\" \"$1\"; rm -rf -- \"$2\"; exit 1; }",
            "sh", files, staged, old), CancellationToken.None).ConfigureAwait(false);
        swap.EnsureSuccess($"Putting the restored mounts in place on {transport.Host}", files);
        await transport.DeleteAsync(old, recursive: true, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// The folders of the environment's mounts and the transport that reaches them, each with its archive in a snapshot: its
    /// root's <c>shared/</c> on the first host (per host mounts: read from and restored to the first host), or the topology's
    /// shared storage when every mount is there; with some mounts on shared storage and others per host, both (the shared
    /// storage read and written once, through the first host). None when the topology gives the environment no root.
    /// </summary>
    private List<FilesPlace> Places(CloudEnvironment env)
    {
        var topology = workspace.TopologyFor(env.Name, env.Type);
        if (topology.IsLocal) return [new(new LocalTransport(), Path.Combine(workspace.LocalDirectory, "environments", env.Name, "shared"), FilesFile)];
        if (topology.Root is null || topology.Hosts.Count == 0) return [];
        var transport = HostConnections.Connect(topology.Hosts[0], topology.Ssh);
        var perHost = new FilesPlace(transport, topology.RootFor(topology.Hosts[0]) + "/shared", FilesFile);
        if (topology.SharedPath is null) return [perHost];
        var shared = topology.SharedPathFor(topology.Hosts[0])!.TrimEnd('/');
        return topology.SharedMounts is null ? [new(transport, shared, FilesFile)] : [perHost, new(transport, shared, SharedFilesFile)];
    }

    private sealed record FilesPlace(ITransport Transport, string Files, string Archive);
}
