using LibGit2Sharp;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Transport;

namespace MagentoCloud.Engine.Git;

/// <summary>
/// The project remote: the bare Git repository that holds every environment's branch and, in the
/// ref <see cref="StateRef"/>, the team's shared state. All access to it goes through this class.
/// Every ref it moves is moved compare-and-swap, so concurrent writers, in this process or others,
/// never overwrite each other: a lost race is reported, never hidden. A remote on a path is moved
/// under <see cref="RefLock"/>; an <c>ssh://</c> remote is read through a local mirror
/// (<see cref="RemoteMirror"/>) and moved by receive-pack commands that carry the expected old ids.
/// </summary>
public sealed class ProjectRemote
{
    /// <summary>The ref whose commit's tree holds the environments, variables and activities.</summary>
    public const string StateRef = "refs/meta/cloud";

    /// <summary>
    /// The ref that holds the sensitive values, encrypted: one commit without parents, replaced by each
    /// write, so a value that has changed is in no commit that a fetch can reach.
    /// </summary>
    public const string SecretsRef = "refs/meta/cloud-secrets";

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(20);

    private readonly RemoteMirror? _mirror;

    private ProjectRemote(string url, string path, RemoteMirror? mirror = null)
    {
        Url = url;
        GitDirectory = path;
        _mirror = mirror;
    }

    /// <summary>The remote as the working copy's <c>origin</c> names it.</summary>
    public string Url { get; }

    /// <summary>The bare repository's folder: the remote itself, or for an SSH remote its local mirror.</summary>
    public string GitDirectory { get; }

    /// <summary>True when the remote is reached over SSH (through the local mirror).</summary>
    public bool IsSsh => _mirror is not null;

    /// <summary>How many times this instance fetched the SSH remote into its mirror (0 for a path remote).</summary>
    public int Fetches => _mirror?.Fetches ?? 0;

    /// <summary>Where the local default keeps the project remote.</summary>
    public static string DefaultLocalPath(string projectRoot) =>
        System.IO.Path.Combine(projectRoot, ".magento", "local", "remote.git");

    /// <summary>Where a working copy keeps its mirror of an SSH project remote.</summary>
    public static string MirrorPath(string projectRoot) =>
        System.IO.Path.Combine(projectRoot, ".magento", "local", "mirror.git");

    /// <summary>
    /// Opens the remote at a path or URL. An SSH URL needs the working copy whose mirror it uses
    /// (<paramref name="projectRoot"/>) and the keys and known_hosts to reach it (<paramref name="ssh"/>;
    /// default: the topology's <c>ssh</c> settings, else ~/.ssh).
    /// </summary>
    public static ProjectRemote Open(string url, string? projectRoot = null, SshSettings? ssh = null)
    {
        if (GitSshUrl.IsSsh(url))
        {
            if (projectRoot is null)
                throw new CloudException(CloudErrorId.ProjectInvalid,
                    $"The project remote '{url}' is reached over SSH and needs a working copy to keep its mirror in. Open it from the project folder.",
                    url);
            projectRoot = System.IO.Path.GetFullPath(projectRoot);
            ssh ??= Topology.From(YamlSource.Load(projectRoot, Topology.File)).RemoteSsh;
            var mirror = new RemoteMirror(url, MirrorPath(projectRoot), ssh);
            return new ProjectRemote(url, mirror.Directory, mirror);
        }
        var path = url.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(url).LocalPath : url;
        path = System.IO.Path.GetFullPath(path);
        if (!Repository.IsValid(path))
        {
            throw new CloudException(
                CloudErrorId.ProjectInvalid,
                $"The project remote '{path}' is not a Git repository. Check the working copy's origin " +
                "(git remote -v) or recreate the project with New-CloudProject.",
                target: path);
        }
        RequireReceiveChecks(path);
        return new ProjectRemote(url, path);
    }

    /// <summary>What makes git-receive-pack refuse objects git fsck refuses (a tree entry named ../x, for one).</summary>
    internal const string ReceiveChecks = "receive.fsckObjects";

    /// <summary>Turns on the receive checks of a remote made before they were set (a <c>git push</c> into it then checks its objects too).</summary>
    private static void RequireReceiveChecks(string path)
    {
        using var repository = new Repository(path);
        if (repository.Config.Get<bool>(ReceiveChecks, ConfigurationLevel.Local)?.Value != true)
            repository.Config.Set(ReceiveChecks, true, ConfigurationLevel.Local);
    }

    /// <summary>The remote of a working copy: its <c>origin</c>, else the topology's <c>remote</c>, else the local default.</summary>
    public static ProjectRemote ForWorkingCopy(string projectRoot)
    {
        if (Repository.IsValid(projectRoot))
        {
            using var repo = new Repository(projectRoot);
            var origin = repo.Network.Remotes["origin"];
            if (origin is not null) return Open(origin.Url, projectRoot);
        }
        if (Topology.From(YamlSource.Load(System.IO.Path.GetFullPath(projectRoot), Topology.File)).Remote is { } configured)
            return Open(configured, projectRoot);
        var local = DefaultLocalPath(projectRoot);
        if (Repository.IsValid(local)) return Open(local);
        throw new CloudException(
            CloudErrorId.ProjectInvalid,
            $"The project at '{projectRoot}' has no project remote (no Git origin and no {local}). " +
            "Recreate it with New-CloudProject, or set origin with 'git remote add origin <url>'.",
            target: projectRoot);
    }

    /// <summary>Creates an empty bare repository at <paramref name="path"/>.</summary>
    public static ProjectRemote Create(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(path) && Directory.EnumerateFileSystemEntries(path).Any())
        {
            throw new CloudException(
                CloudErrorId.ProjectExists,
                $"'{path}' already exists and is not empty; a project remote needs a new folder.",
                target: path);
        }
        Repository.Init(path, isBare: true);
        RequireReceiveChecks(path);
        return new ProjectRemote(path, path);
    }

    /// <summary>
    /// Opens an SSH project remote for a new project: the repository is created on the host
    /// (<c>git init --bare</c>) when it does not exist, and must hold no branches yet.
    /// </summary>
    public static async Task<ProjectRemote> CreateOverSshAsync(string url, string projectRoot, SshSettings? ssh,
        CancellationToken cancellationToken)
    {
        var remote = Open(url, projectRoot, ssh);
        var mirror = remote._mirror!;
        var host = HostConnections.Connect(mirror.Remote.Host, mirror.Settings);
        var path = mirror.Remote.Path;
        if (!await host.ExistsAsync(path, cancellationToken).ConfigureAwait(false))
        {
            var at = path.StartsWith('-') ? "./" + path : path;
            var result = await host.RunAsync(CommandRequest.Command("git", "init", "--quiet", "--bare", at), cancellationToken).ConfigureAwait(false);
            if (result.ExitCode == 0)
                result = await host.RunAsync(CommandRequest.Command("git", "-C", at, "config", ReceiveChecks, "true"), cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
                throw new CloudException(CloudErrorId.GitFailed,
                    $"Cannot create the project remote {path} on {mirror.Remote.Host}: {result.Error.Trim()} " +
                    "Create it there with 'git init --bare', or check that git is installed and the folder is writable.", url);
        }
        mirror.Refresh();
        if (remote.GetBranchHeads().Count > 0)
            throw new CloudException(CloudErrorId.ProjectExists,
                $"The project remote {url} already has branches; a new project needs an empty repository.", url);
        return remote;
    }

    internal Repository OpenRepository()
    {
        _mirror?.EnsureFresh();
        return new Repository(GitDirectory);
    }

    /// <summary>For an SSH remote, fetches again now (a command that waited on something may want the latest state).</summary>
    public void Refresh() => _mirror?.Refresh();

    // ---- branches -------------------------------------------------------------------------

    /// <summary>The head commit of a branch, or null when the branch does not exist.</summary>
    public string? GetBranchHead(string branch)
    {
        using var repo = OpenRepository();
        return repo.Refs[BranchRef(branch)]?.ResolveToDirectReference()?.TargetIdentifier;
    }

    /// <summary>Every branch's head commit, by branch name.</summary>
    public IReadOnlyDictionary<string, string> GetBranchHeads()
    {
        using var repo = OpenRepository();
        var heads = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reference in repo.Refs.FromGlob("refs/heads/*"))
        {
            var direct = reference.ResolveToDirectReference();
            if (direct is not null) heads[reference.CanonicalName["refs/heads/".Length..]] = direct.TargetIdentifier;
        }
        return heads;
    }

    /// <summary>Creates <paramref name="branch"/> at <paramref name="commit"/>; false if it already exists.</summary>
    public Task<bool> TryCreateBranchAsync(string branch, string commit, CancellationToken cancellationToken) =>
        TryMoveRefAsync(BranchRef(branch), null, commit, $"branch: created {branch}", cancellationToken);

    /// <summary>Deletes <paramref name="branch"/> if it still points at <paramref name="expectedHead"/>.</summary>
    public Task<bool> TryDeleteBranchAsync(string branch, string expectedHead, CancellationToken cancellationToken) =>
        TryMoveRefAsync(BranchRef(branch), expectedHead, null, $"branch: deleted {branch}", cancellationToken);

    /// <summary>
    /// Compare-and-swap of one ref: moves <paramref name="refName"/> from <paramref name="expected"/>
    /// (null: must not exist) to <paramref name="target"/> (null: delete). False if the ref was not
    /// at <paramref name="expected"/>; the caller re-reads and tries again.
    /// </summary>
    public async Task<bool> TryMoveRefAsync(string refName, string? expected, string? target, string logMessage,
        CancellationToken cancellationToken)
    {
        if (_mirror is not null)
            return await _mirror.TryMoveRefAsync(refName, expected, target, cancellationToken).ConfigureAwait(false);
        using var held = await RefLock.AcquireAsync(GitDirectory, LockTimeout, cancellationToken).ConfigureAwait(false);
        using var repo = OpenRepository();
        var current = repo.Refs[refName]?.ResolveToDirectReference()?.TargetIdentifier;
        if (!string.Equals(current, expected, StringComparison.OrdinalIgnoreCase)) return false;
        try
        {
            if (target is null) repo.Refs.Remove(refName);
            else if (current is null) repo.Refs.Add(refName, new ObjectId(target), logMessage, allowOverwrite: false);
            else repo.Refs.UpdateTarget(refName, target, logMessage);
        }
        catch (LockedFileException)
        {
            return false; // a plain git writer holds the ref's own lock: treat as a lost race
        }
        catch (NameConflictException)
        {
            return false;
        }
        return true;
    }

    internal static string BranchRef(string branch) => "refs/heads/" + branch;

    // ---- state ----------------------------------------------------------------------------

    /// <summary>Reads the state ref's commit and tree (one read, no history walk).</summary>
    public StateTree ReadState()
    {
        var repo = OpenRepository();
        try
        {
            var commit = repo.Refs[StateRef]?.ResolveToDirectReference()?.Target as Commit;
            return new StateTree(repo, commit);
        }
        catch
        {
            repo.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes a new state commit on top of <paramref name="expectedCommit"/> with the given file
    /// changes (path → new text, or null to delete) and moves the state ref to it, compare-and-swap.
    /// False when another writer moved the ref first: nothing was overwritten.
    /// </summary>
    public async Task<bool> TryWriteStateAsync(string? expectedCommit, IReadOnlyDictionary<string, string?> changes,
        string message, CancellationToken cancellationToken)
    {
        string newCommit;
        using (var repo = OpenRepository())
        {
            var parent = expectedCommit is null ? null : repo.Lookup<Commit>(expectedCommit);
            var definition = parent is null ? new TreeDefinition() : TreeDefinition.From(parent.Tree);
            foreach (var (path, text) in changes)
            {
                if (text is null)
                {
                    definition.Remove(path);
                }
                else
                {
                    var blob = repo.ObjectDatabase.CreateBlob(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), path);
                    definition.Add(path, blob, Mode.NonExecutableFile);
                }
            }
            var tree = repo.ObjectDatabase.CreateTree(definition);
            var signature = Identity(repo);
            var commit = repo.ObjectDatabase.CreateCommit(signature, signature, message, tree,
                parent is null ? [] : [parent], prettifyMessage: true);
            newCommit = commit.Sha;
        }
        return await TryMoveRefAsync(StateRef, expectedCommit, newCommit, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The commit a ref points at and the text of one file of its tree (null when either is absent).</summary>
    public (string? CommitId, string? Text) ReadRefFile(string refName, string path)
    {
        using var repo = OpenRepository();
        var commit = repo.Refs[refName]?.ResolveToDirectReference()?.Target as Commit;
        return (commit?.Sha, commit?.Tree[path]?.Target is Blob blob ? blob.GetContentText() : null);
    }

    /// <summary>
    /// Replaces <paramref name="refName"/> with a commit without parents whose tree holds only
    /// <paramref name="path"/>, compare-and-swap from <paramref name="expectedCommit"/>: the ref keeps no history.
    /// </summary>
    public async Task<bool> TryReplaceRefFileAsync(string refName, string? expectedCommit, string path, string text, string message,
        CancellationToken cancellationToken)
    {
        string newCommit;
        using (var repo = OpenRepository())
        {
            var definition = new TreeDefinition();
            definition.Add(path, repo.ObjectDatabase.CreateBlob(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), path), Mode.NonExecutableFile);
            var signature = Identity(repo);
            newCommit = repo.ObjectDatabase.CreateCommit(signature, signature, message, repo.ObjectDatabase.CreateTree(definition), [], prettifyMessage: true).Sha;
        }
        return await TryMoveRefAsync(refName, expectedCommit, newCommit, message, cancellationToken).ConfigureAwait(false);
    }

    // ---- merge, rebase, push --------------------------------------------------------------

    /// <summary>
    /// Merges branch <paramref name="source"/> into branch <paramref name="target"/> inside the bare
    /// repository (in-memory index, no work tree). Fast-forwards when it can. A conflict throws
    /// MergeConflict naming the files and leaves every ref as it was.
    /// </summary>
    public Task<MergeOutcome> MergeAsync(string source, string target, string message, CancellationToken cancellationToken) =>
        MoveBranchOverAsync(target, source, message, $"merging '{source}' into it", MergeKind.MergeCommit, (repo, ours, theirs) =>
        {
            var result = repo.ObjectDatabase.MergeCommits(ours, theirs, new MergeTreeOptions { FailOnConflict = false });
            if (result.Status == MergeTreeStatus.Conflicts)
                throw Conflict(source, target, result.Conflicts.Select(c => (c.Ours ?? c.Theirs ?? c.Ancestor).Path));
            var signature = Identity(repo);
            return repo.ObjectDatabase.CreateCommit(signature, signature, message, result.Tree, [ours, theirs], true).Sha;
        }, cancellationToken);

    /// <summary>
    /// Replays the commits of <paramref name="branch"/> that <paramref name="upstream"/> lacks on top of
    /// <paramref name="upstream"/>, as git rebase does (merge commits are dropped). A conflict throws
    /// MergeConflict and leaves every ref as it was.
    /// </summary>
    public Task<MergeOutcome> RebaseAsync(string branch, string upstream, CancellationToken cancellationToken) =>
        MoveBranchOverAsync(branch, upstream, $"rebase onto {upstream}", $"rebasing it onto '{upstream}'", MergeKind.Rebased, (repo, mine, onto) =>
        {
            var replay = repo.Commits.QueryBy(new CommitFilter
            {
                IncludeReachableFrom = mine,
                ExcludeReachableFrom = onto,
                SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
            }).Where(c => c.Parents.Count() == 1).ToList();
            var tip = onto;
            foreach (var commit in replay)
            {
                var result = repo.ObjectDatabase.CherryPickCommit(commit, tip, 0, new MergeTreeOptions { FailOnConflict = false });
                if (result.Status == MergeTreeStatus.Conflicts)
                    throw Conflict(upstream, branch, result.Conflicts.Select(c => (c.Ours ?? c.Theirs ?? c.Ancestor).Path));
                if (result.Tree.Id == tip.Tree.Id) continue; // already upstream
                tip = repo.ObjectDatabase.CreateCommit(commit.Author, Identity(repo), commit.Message, result.Tree, [tip], false);
            }
            return tip.Sha;
        }, cancellationToken);

    /// <summary>
    /// Moves <paramref name="branch"/> to include <paramref name="other"/>: nothing when it already does,
    /// a fast-forward when it can, else the commit <paramref name="combine"/> makes. The ref moves
    /// compare-and-swap; a branch that moved meanwhile is read again (a few times, then StateConflict).
    /// </summary>
    private async Task<MergeOutcome> MoveBranchOverAsync(string branch, string other, string logMessage, string doing, MergeKind combinedKind,
        Func<Repository, Commit, Commit, string> combine, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            string before, after;
            MergeKind kind;
            using (var repo = OpenRepository())
            {
                var mine = Head(repo, branch);
                var theirs = Head(repo, other);
                before = mine.Sha;
                var mergeBase = repo.ObjectDatabase.FindMergeBase(mine, theirs);
                if (mergeBase is not null && mergeBase.Id == theirs.Id)
                    return new MergeOutcome(MergeKind.UpToDate, before, before);
                if (mergeBase is not null && mergeBase.Id == mine.Id)
                    (kind, after) = (MergeKind.FastForward, theirs.Sha);
                else
                    (kind, after) = (combinedKind, combine(repo, mine, theirs));
            }
            if (await TryMoveRefAsync(BranchRef(branch), before, after, logMessage, cancellationToken).ConfigureAwait(false))
                return new MergeOutcome(kind, before, after);
        }
        throw new CloudException(CloudErrorId.StateConflict,
            $"Branch '{branch}' kept moving while {doing}. Try again.", branch);
    }

    /// <summary>
    /// Brings <paramref name="localBranch"/> of the working copy at <paramref name="workingCopy"/> into
    /// the remote as <paramref name="remoteBranch"/>. Only a fast-forward is accepted, as git push does
    /// without --force. Returns the previous head (null if new) and the new one.
    /// </summary>
    public async Task<(string? Previous, string Head)> PushFromAsync(string workingCopy, string localBranch, string remoteBranch,
        CancellationToken cancellationToken)
    {
        if (_mirror is not null)
            return await PushOverSshAsync(workingCopy, localBranch, remoteBranch, cancellationToken).ConfigureAwait(false);
        string localHead;
        // The working copy sends the objects into a private namespace of the remote; then the
        // remote's branch moves compare-and-swap, like every other ref this class moves.
        var incoming = "refs/cloud-incoming/" + Guid.NewGuid().ToString("N");
        using (var local = new Repository(workingCopy))
        {
            var reference = local.Refs[BranchRef(localBranch)]?.ResolveToDirectReference()
                ?? throw new CloudException(CloudErrorId.GitFailed,
                    $"The working copy has no branch '{localBranch}'. Create it with 'git checkout -b {localBranch}' and commit.",
                    localBranch);
            localHead = reference.TargetIdentifier;
            var origin = local.Network.Remotes.FirstOrDefault(r => IsThisRemote(r.Url))
                ?? throw new CloudException(CloudErrorId.ProjectInvalid,
                    $"The working copy '{workingCopy}' has no Git remote pointing at the project remote '{Url}'. " +
                    $"Add it with 'git remote add origin {Url}'.", workingCopy);
            RequireSafeTrees(local, localHead);
            string? failure = null;
            local.Network.Push(origin, $"{reference.CanonicalName}:{incoming}",
                new PushOptions { OnPushStatusError = e => failure = e.Message });
            if (failure is not null)
                throw new CloudException(CloudErrorId.GitFailed, $"Sending '{localBranch}' to the project remote failed: {failure}", localBranch);
        }
        using (var repo = OpenRepository())
        {
            repo.Refs.Remove(incoming);
        }
        for (var attempt = 0; attempt < 5; attempt++)
        {
            string? previous;
            using (var repo = OpenRepository())
            {
                previous = repo.Refs[BranchRef(remoteBranch)]?.ResolveToDirectReference()?.TargetIdentifier;
                if (previous == localHead) return (previous, localHead);
                if (previous is not null)
                {
                    var mergeBase = repo.ObjectDatabase.FindMergeBase(repo.Lookup<Commit>(previous), repo.Lookup<Commit>(localHead));
                    if (mergeBase?.Sha != previous)
                    {
                        throw new CloudException(CloudErrorId.PushRejected,
                            $"Branch '{remoteBranch}' in the project remote has commits that local '{localBranch}' lacks. " +
                            $"Run 'git pull origin {remoteBranch}' (or Sync-CloudEnvironment), then push again.",
                            remoteBranch);
                    }
                }
            }
            if (await TryMoveRefAsync(BranchRef(remoteBranch), previous, localHead, $"push: {localBranch}", cancellationToken).ConfigureAwait(false))
                return (previous, localHead);
        }
        throw new CloudException(CloudErrorId.StateConflict,
            $"Branch '{remoteBranch}' kept moving while pushing to it. Try again.", remoteBranch);
    }

    /// <summary>
    /// Push-CloudBranch over SSH: the working copy sends its objects to a private ref of the server,
    /// then one receive-pack command list moves the branch (expected old id: the head seen) and
    /// deletes the private ref. A lost race fetches and decides again.
    /// </summary>
    private async Task<(string? Previous, string Head)> PushOverSshAsync(string workingCopy, string localBranch, string remoteBranch,
        CancellationToken cancellationToken)
    {
        var mirror = _mirror!;
        var incoming = "refs/cloud-incoming/" + Guid.NewGuid().ToString("N");
        string localHead;
        using (var local = new Repository(workingCopy))
        {
            var reference = local.Refs[BranchRef(localBranch)]?.ResolveToDirectReference()
                ?? throw new CloudException(CloudErrorId.GitFailed,
                    $"The working copy has no branch '{localBranch}'. Create it with 'git checkout -b {localBranch}' and commit.",
                    localBranch);
            localHead = reference.TargetIdentifier;
            var origin = local.Network.Remotes.FirstOrDefault(r => IsThisRemote(r.Url))
                ?? throw new CloudException(CloudErrorId.ProjectInvalid,
                    $"The working copy '{workingCopy}' has no Git remote pointing at the project remote '{Url}'. " +
                    $"Add it with 'git remote add origin {Url}'.", workingCopy);
            RequireSafeTrees(local, localHead);
            mirror.Push(local, origin.Name, $"{reference.CanonicalName}:{incoming}");
        }
        string? pending = incoming; // the private ref, until a command list has deleted it
        for (var attempt = 0; attempt < 5; attempt++)
        {
            string? previous;
            using (var repo = OpenRepository())
                previous = repo.Refs[BranchRef(remoteBranch)]?.ResolveToDirectReference()?.TargetIdentifier;
            if (previous is not null && previous != localHead)
            {
                using var local = new Repository(workingCopy);
                // A head the working copy does not have cannot be an ancestor of what it pushes.
                var known = local.Lookup<Commit>(previous);
                if (known is null || local.ObjectDatabase.FindMergeBase(known, local.Lookup<Commit>(localHead))?.Sha != previous)
                {
                    if (pending is not null) await mirror.TryUpdateAsync(pending, localHead, null, null, cancellationToken).ConfigureAwait(false);
                    throw new CloudException(CloudErrorId.PushRejected,
                        $"Branch '{remoteBranch}' in the project remote has commits that local '{localBranch}' lacks. " +
                        $"Run 'git pull origin {remoteBranch}' (or Sync-CloudEnvironment), then push again.",
                        remoteBranch);
                }
            }
            if (previous == localHead)
            {
                if (pending is not null) await mirror.TryUpdateAsync(pending, localHead, null, null, cancellationToken).ConfigureAwait(false);
                return (previous, localHead);
            }
            if (await mirror.TryUpdateAsync(BranchRef(remoteBranch), previous, localHead, pending, cancellationToken).ConfigureAwait(false))
            {
                mirror.Refresh(); // brings the pushed objects into the mirror
                return (previous, localHead);
            }
            // The failed command list still deleted the private ref; the objects stay on the server until gc.
            pending = null;
        }
        throw new CloudException(CloudErrorId.StateConflict,
            $"Branch '{remoteBranch}' kept moving while pushing to it. Try again.", remoteBranch);
    }

    /// <summary>Refuses to send commits whose trees hold names Git refuses, checking only what the remote lacks.</summary>
    private void RequireSafeTrees(Repository local, string head)
    {
        List<string> known;
        using (var repo = OpenRepository())
            known = repo.Refs.Where(r => r.CanonicalName.StartsWith("refs/heads/", StringComparison.Ordinal))
                .Select(r => r.ResolveToDirectReference()?.TargetIdentifier).OfType<string>().ToList();
        TreeEntryName.RequireSafeHistory(local, head, known, "Nothing was sent to the project remote.");
    }

    private bool IsThisRemote(string url)
    {
        if (GitSshUrl.IsSsh(url) || GitSshUrl.IsSsh(Url)) return url == Url;
        try
        {
            var path = url.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(url).LocalPath : url;
            return string.Equals(System.IO.Path.GetFullPath(path).TrimEnd('/', '\\'), GitDirectory.TrimEnd('/', '\\'),
                OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static Commit Head(Repository repo, string branch) =>
        repo.Refs[BranchRef(branch)]?.ResolveToDirectReference()?.Target as Commit
        ?? throw new CloudException(CloudErrorId.EnvironmentNotFound,
            $"The project remote has no branch '{branch}'. Push it with Push-CloudBranch.", branch);

    private static CloudException Conflict(string source, string target, IEnumerable<string> paths)
    {
        var files = paths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new CloudException(CloudErrorId.MergeConflict,
            $"Merging '{source}' into '{target}' conflicts in {files.Count} file(s): {string.Join(", ", files)}. " +
            $"Nothing was changed. Merge '{source}' into '{target}' in your working copy, resolve, and push.",
            target: files);
    }

    /// <summary>Who commits: the Git identity configured for this user, else a neutral one.</summary>
    internal static Signature Identity(Repository repo) =>
        repo.Config.BuildSignature(DateTimeOffset.Now) ?? new Signature("MagentoCloud", "magento-cloud@localhost", DateTimeOffset.Now);
}
