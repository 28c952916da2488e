using MagentoCloud.Engine.Git;

namespace MagentoCloud.Engine.Environments;

/// <summary>
/// Environments: Git branches of the project remote plus their shared records.
/// The parent chain is <c>feature → master → staging → production</c>: code flows up by merging an
/// environment into its parent (Merge master = master into staging; Merge staging = staging into
/// production), and Sync brings a parent's code down into a child. Integration is <c>master</c> and
/// its Development children, at most <see cref="IntegrationLimit"/> of them active, master counted.
/// </summary>
public sealed class EnvironmentService
{
    public const string Master = "master";

    private readonly StateStore _store;
    private readonly ActivityService _activities;

    /// <param name="store">The project's state.</param>
    /// <param name="workingCopy">The user's working copy (the project folder), for Push.</param>
    /// <param name="integrationLimit">How many Integration environments may be active at once, master counted.</param>
    public EnvironmentService(StateStore store, string? workingCopy = null, int integrationLimit = 8)
    {
        _store = store;
        _activities = new ActivityService(store);
        WorkingCopy = workingCopy;
        IntegrationLimit = integrationLimit;
    }

    /// <summary>The services of the project whose working copy is <paramref name="projectRoot"/>.</summary>
    public static EnvironmentService ForProject(string projectRoot, int integrationLimit = 8) =>
        new(new StateStore(ProjectRemote.ForWorkingCopy(projectRoot)), projectRoot, integrationLimit);

    public string? WorkingCopy { get; }

    /// <summary>Fills in where an environment runs (its URL and hosts); set from the topology.</summary>
    public Action<CloudEnvironment>? Placement { get; init; }

    /// <summary>Starts an active environment's web runtime (on activation); null: nothing to start.</summary>
    public Func<string, IOperationObserver, CancellationToken, Task>? StartRuntime { get; init; }

    /// <summary>Stops an environment's web runtime (on deactivation or delete); null: nothing to stop.</summary>
    public Func<string, IOperationObserver, CancellationToken, Task>? StopRuntime { get; init; }

    public int IntegrationLimit { get; }

    private ProjectRemote Remote => _store.Remote;

    // ---- reading --------------------------------------------------------------------------

    /// <summary>Environments matching the filters, by name. Reads the state once, no history.</summary>
    public IReadOnlyList<CloudEnvironment> List(string? name = null, EnvironmentType? type = null, EnvironmentStatus? status = null)
    {
        var matches = NamePattern.Matcher(name);
        var records = _store.Read(s => s.Environments.Values
            .Where(r => matches(r.Name) && (type is null || r.Type == type) && (status is null || r.Status == status))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList());
        if (records.Count == 0) return [];
        var heads = Remote.GetBranchHeads();
        return records.Select(r => Output(r, heads.GetValueOrDefault(r.Name))).ToList();
    }

    /// <summary>One environment, or EnvironmentNotFound.</summary>
    public CloudEnvironment Get(string name)
    {
        var record = _store.Read(s => s.Get(name));
        return Output(record, Remote.GetBranchHead(record.Name));
    }

    private CloudEnvironment Output(EnvironmentRecord record, string? head)
    {
        var environment = record.ToOutput(head);
        Placement?.Invoke(environment);
        return environment;
    }

    // ---- branch, activate, deactivate, update, delete ---------------------------------------

    /// <summary>
    /// Creates environment <paramref name="name"/> as a new branch of <paramref name="parent"/>'s head.
    /// Refuses invalid names, duplicates, Staging and Production parents, and a full Integration
    /// (unless <paramref name="inactive"/>).
    /// </summary>
    public async Task<CloudEnvironment> BranchAsync(string name, string parent = Master, string? title = null, bool inactive = false,
        IOperationObserver? observer = null, CancellationToken cancellationToken = default)
    {
        observer ??= SilentObserver.Instance;
        var requested = name;
        name = EnvironmentName.Normalize(name);
        var status = inactive ? EnvironmentStatus.Inactive : EnvironmentStatus.Active;
        // Check before touching Git, then again inside the update (another writer may have raced us).
        _store.Read(s => { CheckNewChild(s, name, parent, status, requested); return 0; });
        var parentName = _store.Read(s => s.Get(parent).Name);
        var head = Remote.GetBranchHead(parentName)
            ?? throw new CloudException(CloudErrorId.ParentNotFound,
                $"Environment '{parentName}' has no branch in the project remote to branch from. Push it with Push-CloudBranch.", parentName);
        if (!await Remote.TryCreateBranchAsync(name, head, cancellationToken).ConfigureAwait(false))
        {
            throw new CloudException(CloudErrorId.EnvironmentExists,
                $"The project remote already has a branch '{name}'. Make it an environment with Push-CloudBranch, or pick another name.", name);
        }
        observer.Log($"Created branch '{name}' at {head[..7]} from '{parentName}'.");
        try
        {
            await _activities.RecordAsync(ActivityType.Branch, name, $"Branched {name} from {parentName}", s =>
            {
                CheckNewChild(s, name, parentName, status, requested);
                var now = DateTimeOffset.Now;
                s.Environments[name] = new EnvironmentRecord
                {
                    Name = name,
                    Title = string.IsNullOrWhiteSpace(title) ? name : title,
                    Type = EnvironmentType.Development,
                    Parent = parentName,
                    Status = status,
                    MachineName = MachineName(name),
                    CreatedAt = now,
                    UpdatedAt = now,
                };
                return [$"Branched '{name}' from '{parentName}' at {head}.", $"Status: {status}."];
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await Remote.TryDeleteBranchAsync(name, head, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        return Get(name);
    }

    /// <summary>Makes an inactive environment active (Integration limit applies).</summary>
    public async Task<CloudEnvironment> ActivateAsync(string name, IOperationObserver? observer = null, CancellationToken cancellationToken = default)
    {
        name = _store.Read(s => s.Get(name).Name);
        await _activities.RecordAsync(ActivityType.Activate, name, $"Activated {name}", s =>
        {
            var record = s.Get(name);
            ActivityService.EnsureNotBusy(s, record);
            if (record.Status == EnvironmentStatus.Active) return ["Already active."];
            CheckIntegrationLimit(s, record.Type, name);
            record.Status = EnvironmentStatus.Active;
            record.UpdatedAt = DateTimeOffset.Now;
            return [$"Environment '{name}' is active."];
        }, cancellationToken).ConfigureAwait(false);
        (observer ?? SilentObserver.Instance).Log($"Environment '{name}' is active.");
        if (StartRuntime is { } start) await start(name, observer ?? SilentObserver.Instance, cancellationToken).ConfigureAwait(false);
        return Get(name);
    }

    /// <summary>Makes an environment inactive: its branch and code stay, it stops counting against the limit.</summary>
    public async Task<CloudEnvironment> DeactivateAsync(string name, IOperationObserver? observer = null, CancellationToken cancellationToken = default)
    {
        // A stored name that breaks the rule may be deactivated (so that it can be renamed), nothing more.
        name = _store.Read(s => s.GetForRepair(name).Name);
        await _activities.RecordAsync(ActivityType.Deactivate, name, $"Deactivated {name}", s =>
        {
            var record = s.GetForRepair(name);
            ActivityService.EnsureNotBusy(s, record);
            EnsureDeletable(record, "deactivate");
            record.Status = EnvironmentStatus.Inactive;
            record.UpdatedAt = DateTimeOffset.Now;
            return [$"Environment '{name}' is inactive; branch '{name}' stays."];
        }, cancellationToken).ConfigureAwait(false);
        (observer ?? SilentObserver.Instance).Log($"Environment '{name}' is inactive.");
        if (StopRuntime is { } stop) await stop(name, observer ?? SilentObserver.Instance, cancellationToken).ConfigureAwait(false);
        await FreeServicesAsync(name, observer, cancellationToken).ConfigureAwait(false);
        return Output(_store.Read(s => s.GetForRepair(name)), Remote.GetBranchHead(name));
    }

    /// <summary>
    /// Deletes an environment as Magento Cloud does: an active one is first deactivated (branch and
    /// code stay); an inactive one, or any with <paramref name="deleteBranch"/>, loses its record and branch.
    /// Master, Staging and Production, and environments with children, are refused.
    /// </summary>
    public async Task<CloudActivity> DeleteAsync(string name, bool deleteBranch = false, IOperationObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        observer ??= SilentObserver.Instance;
        var record = _store.Read(s => s.GetForRepair(name));
        name = record.Name;
        var removeBranch = deleteBranch || record.Status == EnvironmentStatus.Inactive;
        var activity = await _activities.StartAsync(ActivityType.Delete, name, $"Deleted {name}", [name], s =>
        {
            var current = s.GetForRepair(name);
            EnsureDeletable(current, "delete");
            var children = s.Environments.Values.Where(e => string.Equals(e.Parent, name, StringComparison.OrdinalIgnoreCase))
                .Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
            if (removeBranch && children.Count > 0)
            {
                throw new CloudException(CloudErrorId.HasChildren,
                    $"Environment '{name}' has child environments ({string.Join(", ", children)}). " +
                    "Delete them first, or give them another parent with Set-CloudEnvironment -Parent.", name);
            }
        }, cancellationToken).ConfigureAwait(false);
        var log = new List<string>();
        try
        {
            if (StopRuntime is { } stop) await stop(name, observer, cancellationToken).ConfigureAwait(false);
            log.AddRange(await FreeServicesAsync(name, observer, cancellationToken).ConfigureAwait(false));
            if (!removeBranch)
            {
                log.Add($"Deactivated '{name}'; its branch stays. Delete again (or use -DeleteBranch) to delete the branch.");
                return await _activities.CompleteAsync(activity.Id, ActivityResult.Success, log, null, s =>
                {
                    var r = s.GetForRepair(name);
                    r.Status = EnvironmentStatus.Inactive;
                    r.UpdatedAt = DateTimeOffset.Now;
                }, cancellationToken).ConfigureAwait(false);
            }
            await _store.UpdateAsync($"environment.delete {name}: deleting", s => s.GetForRepair(name).Status = EnvironmentStatus.Deleting,
                cancellationToken).ConfigureAwait(false);
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var head = Remote.GetBranchHead(name);
                if (head is null || await Remote.TryDeleteBranchAsync(name, head, cancellationToken).ConfigureAwait(false))
                {
                    log.Add(head is null ? $"Branch '{name}' was already gone." : $"Deleted branch '{name}' (was {head}).");
                    break;
                }
            }
            log.Add($"Deleted environment '{name}'.");
            observer.Log($"Deleted environment '{name}' and its branch.");
            return await _activities.CompleteAsync(activity.Id, ActivityResult.Success, log, null,
                s => s.Environments.Remove(name), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.Add("Failed: " + e.Message);
            await _activities.CompleteAsync(activity.Id, ActivityResult.Failure, log, null, null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>An inactive or deleted environment holds no services: the local default's private servers of it are stopped and their data deleted.</summary>
    private async Task<IReadOnlyList<string>> FreeServicesAsync(string name, IOperationObserver? observer, CancellationToken cancellationToken)
    {
        if (WorkingCopy is null) return [];
        var (type, others) = _store.Read(s => (s.GetForRepair(name).Type,
            s.Environments.Values.Where(e => !e.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(e => (e.Name, e.Type)).ToList()));
        return await new Services.EnvironmentServices(WorkingCopy).FreeAsync(name, type, others, observer ?? SilentObserver.Instance, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Changes an environment's title, type or parent. Null leaves a property as it is.</summary>
    public async Task<CloudEnvironment> UpdateAsync(string name, string? title = null, EnvironmentType? type = null, string? parent = null,
        IOperationObserver? observer = null, CancellationToken cancellationToken = default)
    {
        name = _store.Read(s => s.Get(name).Name);
        await _activities.RecordAsync(ActivityType.Update, name, $"Updated {name}", s =>
        {
            var record = s.Get(name);
            var log = new List<string>();
            if (title is not null && title != record.Title)
            {
                log.Add($"Title: '{record.Title}' → '{title}'.");
                record.Title = title;
            }
            if (type is not null && type != record.Type)
            {
                if (type == EnvironmentType.Development && record.IsLive) CheckIntegrationLimit(s, EnvironmentType.Development, name);
                log.Add($"Type: {record.Type} → {type}.");
                record.Type = type.Value;
            }
            if (parent is not null && !string.Equals(parent, record.Parent, StringComparison.OrdinalIgnoreCase))
            {
                var newParent = s.Get(parent);
                if (string.Equals(newParent.Name, name, StringComparison.OrdinalIgnoreCase) ||
                    s.Ancestors(newParent.Name).Any(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new CloudException(CloudErrorId.InvalidArgument,
                        $"'{newParent.Name}' cannot be the parent of '{name}': '{name}' is already one of its ancestors.", parent);
                }
                if (record.Type == EnvironmentType.Development) EnsureBranchableParent(newParent);
                log.Add($"Parent: {record.Parent ?? "(none)"} → {newParent.Name}.");
                record.Parent = newParent.Name;
            }
            if (log.Count > 0) record.UpdatedAt = DateTimeOffset.Now;
            else log.Add("Nothing to change.");
            return log;
        }, cancellationToken).ConfigureAwait(false);
        (observer ?? SilentObserver.Instance).Log($"Updated environment '{name}'.");
        return Get(name);
    }

    /// <summary>
    /// Renames an inactive environment: its branch, its record (title, variables, children's parent
    /// follow) and its machine name. The way out for a stored name that breaks the name rule. An
    /// active environment has hosts, files and a database under its name: deactivate it first.
    /// </summary>
    public async Task<CloudEnvironment> RenameAsync(string name, string newName, IOperationObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        observer ??= SilentObserver.Instance;
        var requested = newName;
        newName = EnvironmentName.Normalize(newName);
        var old = _store.Read(s => CheckRename(s, name, newName, requested).Name);
        var head = Remote.GetBranchHead(old);
        if (head is not null && !await Remote.TryCreateBranchAsync(newName, head, cancellationToken).ConfigureAwait(false))
        {
            throw new CloudException(CloudErrorId.EnvironmentExists,
                $"The project remote already has a branch '{newName}'. Pick another name.", requested);
        }
        try
        {
            await _activities.RecordAsync(ActivityType.Update, newName, $"Renamed {old} to {newName}", s =>
            {
                var record = CheckRename(s, old, newName, requested);
                s.Environments.Remove(old);
                record.Name = newName;
                record.MachineName = MachineName(newName);
                record.UpdatedAt = DateTimeOffset.Now;
                if (string.Equals(record.Title, old, StringComparison.Ordinal)) record.Title = newName;
                s.Environments[newName] = record;
                var children = s.Environments.Values.Where(e => string.Equals(e.Parent, old, StringComparison.OrdinalIgnoreCase)).ToList();
                foreach (var child in children) child.Parent = newName;
                return [$"Renamed environment '{old}' to '{newName}'" + (head is null ? " (it had no branch)." : $"; branch '{newName}' at {head}."),
                        .. children.Select(c => $"'{c.Name}' now has parent '{newName}'.")];
            }, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (head is not null) await Remote.TryDeleteBranchAsync(newName, head, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        if (head is not null && !await Remote.TryDeleteBranchAsync(old, head, CancellationToken.None).ConfigureAwait(false))
            observer.Warning($"Branch '{old}' moved while it was renamed, so it was kept; delete it by hand when it is no longer needed.");
        observer.Log($"Renamed environment '{old}' to '{newName}'.");
        return Get(newName);
    }

    private static EnvironmentRecord CheckRename(CloudState s, string name, string newName, string requested)
    {
        var record = s.GetForRepair(name);
        ActivityService.EnsureNotBusy(s, record);
        if (s.Environments.TryGetValue(newName, out var existing) && !ReferenceEquals(existing, record))
        {
            throw new CloudException(CloudErrorId.EnvironmentExists,
                $"Environment '{existing.Name}' already exists (names are unique regardless of case). Pick another name.", requested);
        }
        if (record.Status != EnvironmentStatus.Inactive)
        {
            var quoted = "'" + record.Name.Replace("'", "''") + "'";
            throw new CloudException(CloudErrorId.InvalidArgument,
                $"Cannot rename {quoted}: it is {record.Status}, so its hosts, files and database carry its name. " +
                $"Deactivate it first (Disable-CloudEnvironment -Environment {quoted}), then rename it.", record.Name);
        }
        EnsureDeletable(record, "rename");
        return record;
    }

    /// <summary>The working copy's checked-out branch, the default for Push.</summary>
    public string CurrentBranch()
    {
        var workingCopy = WorkingCopy ?? throw new CloudException(CloudErrorId.InvalidArgument,
            "There is no working copy to read the current branch from; name the branch.", null);
        using var repo = new LibGit2Sharp.Repository(workingCopy);
        if (repo.Info.IsHeadDetached)
            throw new CloudException(CloudErrorId.InvalidArgument,
                "The working copy is on a detached HEAD. Check out a branch, or name the branch to push.", workingCopy);
        return repo.Head.FriendlyName;
    }

    // ---- code: merge, sync, push ------------------------------------------------------------

    /// <summary>Merges environment <paramref name="name"/> into its parent (a real Git merge in the project remote).</summary>
    public async Task<CloudActivity> MergeAsync(string name, IOperationObserver? observer = null, CancellationToken cancellationToken = default)
    {
        var (child, parent) = _store.Read(s => PairWithParent(s, name, "merge"));
        return await RunCodeActivityAsync(ActivityType.Merge, child, $"Merged {child} into {parent}", child, parent, "merge",
            ct => Remote.MergeAsync(child, parent, $"Merge branch '{child}' into {parent}", ct),
            (outcome, log) => log.Add(outcome.Kind switch
            {
                MergeKind.UpToDate => $"'{parent}' already contains '{child}'; nothing to merge.",
                MergeKind.FastForward => $"Fast-forwarded '{parent}' from {outcome.PreviousCommit[..7]} to {outcome.Commit[..7]}.",
                _ => $"Merged '{child}' into '{parent}': {outcome.PreviousCommit[..7]} → {outcome.Commit[..7]}.",
            }),
            observer ?? SilentObserver.Instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Brings the parent's code into environment <paramref name="name"/>: a merge, or with <paramref name="rebase"/> a rebase.</summary>
    public async Task<CloudActivity> SyncCodeAsync(string name, bool rebase = false, IOperationObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        var (child, parent) = _store.Read(s => PairWithParent(s, name, "synchronize"));
        return await RunCodeActivityAsync(ActivityType.Synchronize, child, $"Synchronized {child} code from {parent}", child, parent, "synchronize",
            ct => rebase
                ? Remote.RebaseAsync(child, parent, ct)
                : Remote.MergeAsync(parent, child, $"Merge branch '{parent}' into {child}", ct),
            (outcome, log) => log.Add(outcome.Kind switch
            {
                MergeKind.UpToDate => $"'{child}' already has the code of '{parent}'.",
                MergeKind.Rebased => $"Rebased '{child}' onto '{parent}': {outcome.PreviousCommit[..7]} → {outcome.Commit[..7]}.",
                _ => $"Brought '{parent}' into '{child}': {outcome.PreviousCommit[..7]} → {outcome.Commit[..7]}.",
            }),
            observer ?? SilentObserver.Instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Pushes <paramref name="localBranch"/> of the working copy to the project remote. A branch
    /// that is no environment yet becomes one (child of <paramref name="parent"/>, inactive unless
    /// <paramref name="activate"/>).
    /// </summary>
    public async Task<CloudActivity> PushAsync(string localBranch, string? environment = null, string parent = Master,
        EnvironmentType type = EnvironmentType.Development, bool activate = false, IOperationObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        observer ??= SilentObserver.Instance;
        var workingCopy = WorkingCopy ?? throw new CloudException(CloudErrorId.InvalidArgument,
            "Push needs the project's working copy; open the project from its folder.", localBranch);
        var name = EnvironmentName.Normalize(environment ?? localBranch);
        var exists = _store.Read(s =>
        {
            if (!s.Environments.TryGetValue(name, out var record))
            {
                var p = s.Get(parent);
                if (type == EnvironmentType.Development) EnsureBranchableParent(p);
                if (activate) CheckIntegrationLimit(s, type, name);
                return false;
            }
            ActivityService.EnsureNotBusy(s, record);
            return true;
        });
        var activity = await _activities.StartAsync(ActivityType.Push, name, $"Pushed to {name}", exists ? [name] : [], null,
            cancellationToken).ConfigureAwait(false);
        var log = new List<string>();
        try
        {
            observer.Progress(new OperationProgress($"Push {name}", "Sending objects"));
            var (previous, head) = await Remote.PushFromAsync(workingCopy, localBranch, name, cancellationToken).ConfigureAwait(false);
            observer.Progress(new OperationProgress($"Push {name}", "Done", 100) { Completed = true });
            log.Add(previous is null ? $"Created branch '{name}' at {head}." :
                previous == head ? $"'{name}' was already at {head}." : $"Updated '{name}': {previous[..7]} → {head[..7]}.");
            observer.Log(log[^1]);
            return await _activities.CompleteAsync(activity.Id, ActivityResult.Success, log, null, s =>
            {
                var now = DateTimeOffset.Now;
                if (s.Environments.TryGetValue(name, out var record))
                {
                    if (activate && record.Status == EnvironmentStatus.Inactive)
                    {
                        CheckIntegrationLimit(s, record.Type, name);
                        record.Status = EnvironmentStatus.Active;
                    }
                    record.UpdatedAt = now;
                    return;
                }
                var parentRecord = s.Get(parent);
                if (activate) CheckIntegrationLimit(s, type, name);
                s.Environments[name] = new EnvironmentRecord
                {
                    Name = name,
                    Title = name,
                    Type = type,
                    Parent = parentRecord.Name,
                    Status = activate ? EnvironmentStatus.Active : EnvironmentStatus.Inactive,
                    MachineName = MachineName(name),
                    CreatedAt = now,
                    UpdatedAt = now,
                };
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.Add("Failed: " + e.Message);
            await _activities.CompleteAsync(activity.Id, ActivityResult.Failure, log, null, null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<CloudActivity> RunCodeActivityAsync(string type, string environment, string description, string child, string parent,
        string verb, Func<CancellationToken, Task<MergeOutcome>> work, Action<MergeOutcome, List<string>> describe,
        IOperationObserver observer, CancellationToken cancellationToken)
    {
        var activity = await _activities.StartAsync(type, environment, description, [child, parent],
            s => PairWithParent(s, child, verb), cancellationToken).ConfigureAwait(false);
        var log = new List<string>();
        try
        {
            observer.Progress(new OperationProgress(description, "Working"));
            var outcome = await work(cancellationToken).ConfigureAwait(false);
            describe(outcome, log);
            observer.Log(log[^1]);
            observer.Progress(new OperationProgress(description, "Done", 100) { Completed = true });
            return await _activities.CompleteAsync(activity.Id, ActivityResult.Success, log, null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            log.Add("Failed: " + e.Message);
            await _activities.CompleteAsync(activity.Id, ActivityResult.Failure, log, null, null, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    // ---- rules ------------------------------------------------------------------------------

    private void CheckNewChild(CloudState s, string name, string parent, EnvironmentStatus status, string requested)
    {
        if (s.Environments.TryGetValue(name, out var existing))
        {
            throw new CloudException(CloudErrorId.EnvironmentExists,
                $"Environment '{existing.Name}' already exists (names are unique regardless of case). Pick another name.", requested);
        }
        var parentRecord = s.Environments.TryGetValue(parent, out var p) ? p
            : throw new CloudException(CloudErrorId.ParentNotFound,
                $"There is no environment '{parent}' to branch from. List environments with Get-CloudEnvironment.", parent);
        EnsureBranchableParent(parentRecord);
        if (status == EnvironmentStatus.Active) CheckIntegrationLimit(s, EnvironmentType.Development, name);
    }

    private static void EnsureBranchableParent(EnvironmentRecord parent)
    {
        if (parent.Type is EnvironmentType.Staging or EnvironmentType.Production)
        {
            throw new CloudException(CloudErrorId.BranchFromProtectedType,
                $"Cannot branch from '{parent.Name}': it is a {parent.Type} environment. Branch from master or another Integration environment.",
                parent.Name);
        }
    }

    private void CheckIntegrationLimit(CloudState s, EnvironmentType type, string name)
    {
        if (type != EnvironmentType.Development) return;
        var active = s.Environments.Values
            .Where(e => e.Type == EnvironmentType.Development && e.IsLive && !string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
            .Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        if (active.Count >= IntegrationLimit)
        {
            throw new CloudException(CloudErrorId.IntegrationLimitReached,
                $"Integration already has {IntegrationLimit} active environments ({string.Join(", ", active)}). " +
                "Deactivate one with Disable-CloudEnvironment, or create this one with -Inactive.", name);
        }
    }

    private static void EnsureDeletable(EnvironmentRecord record, string verb)
    {
        if (record.Type != EnvironmentType.Development || string.Equals(record.Name, Master, StringComparison.OrdinalIgnoreCase))
        {
            throw new CloudException(CloudErrorId.EnvironmentProtected,
                $"Cannot {verb} '{record.Name}': master, Staging and Production environments are permanent.", record.Name);
        }
    }

    /// <summary>The environment and its parent, both active and idle, or the reason why not.</summary>
    private static (string Child, string Parent) PairWithParent(CloudState s, string name, string verb)
    {
        var child = s.Get(name);
        if (child.Parent is null)
        {
            throw new CloudException(CloudErrorId.NoParent,
                $"Cannot {verb} '{child.Name}': it has no parent environment.", child.Name);
        }
        var parent = s.Environments.TryGetValue(child.Parent, out var p) ? p
            : throw new CloudException(CloudErrorId.ParentNotFound,
                $"Cannot {verb} '{child.Name}': its parent '{child.Parent}' no longer exists. Set another with Set-CloudEnvironment -Parent.", child.Name);
        foreach (var e in new[] { child, parent })
        {
            ActivityService.EnsureNotBusy(s, e);
            if (e.Status == EnvironmentStatus.Inactive)
            {
                throw new CloudException(CloudErrorId.EnvironmentInactive,
                    $"Cannot {verb} '{child.Name}': '{e.Name}' is inactive. Activate it with Enable-CloudEnvironment {e.Name}.", e.Name);
            }
        }
        return (child.Name, parent.Name);
    }

    internal static string MachineName(string name) => $"{name}-{ActivityId.Random(7)}";
}
