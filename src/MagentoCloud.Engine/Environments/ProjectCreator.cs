using LibGit2Sharp;
using MagentoCloud.Engine.Git;

namespace MagentoCloud.Engine.Environments;

/// <summary>
/// Turns a folder holding a project's files into a project: the working copy (a Git repository
/// whose origin is the project remote), the project remote with master, staging and production,
/// and the initial shared state.
/// </summary>
public sealed class ProjectCreator
{
    /// <summary>What the local default keeps out of Git.</summary>
    private const string LocalIgnore = "/.magento/local/";

    /// <summary>
    /// Creates the project in <paramref name="root"/>. <paramref name="remotePath"/> (a path or an
    /// <c>ssh://</c> URL) defaults to the topology's <c>remote</c>, else <c>.magento/local/remote.git</c>
    /// inside it. Refuses a folder that already is a Git working copy.
    /// </summary>
    public async Task<CloudEnvironment[]> CreateAsync(string root, string? title = null, string? remotePath = null,
        IOperationObserver? observer = null, CancellationToken cancellationToken = default)
    {
        observer ??= SilentObserver.Instance;
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root))
            throw new CloudException(CloudErrorId.ProjectInvalid, $"Folder '{root}' does not exist. Write the project's files there first.", root);
        if (Repository.IsValid(root) || Directory.Exists(Path.Combine(root, ".git")) ||
            File.Exists(Path.Combine(root, ".git")))
        {
            throw new CloudException(CloudErrorId.ProjectExists,
                $"'{root}' already is a Git working copy. Create the project in a new folder, or open this one with -ProjectPath.", root);
        }
        remotePath ??= Project.ProjectFiles.Load(root).Topology.Remote;
        var overSsh = remotePath is not null && Transport.GitSshUrl.IsSsh(remotePath);
        if (!overSsh) remotePath = Path.GetFullPath(remotePath ?? ProjectRemote.DefaultLocalPath(root));
        EnsureIgnored(root, overSsh ? ProjectRemote.MirrorPath(root) : remotePath!);

        observer.Progress(new OperationProgress("New project", "Committing the project's files"));
        var remote = overSsh
            ? await ProjectRemote.CreateOverSshAsync(remotePath!, root, null, cancellationToken).ConfigureAwait(false)
            : ProjectRemote.Create(remotePath!);
        Repository.Init(root);
        string head;
        using (var repo = new Repository(root))
        {
            Commands.Stage(repo, "*");
            var signature = ProjectRemote.Identity(repo);
            var commit = repo.Commit("Initial project", signature, signature, new CommitOptions { AllowEmptyCommit = true });
            head = commit.Sha;
            if (repo.Head.FriendlyName != EnvironmentService.Master)
            {
                // Whatever init.defaultBranch says, the root environment's branch is master.
                var master = repo.Branches.Add(EnvironmentService.Master, commit);
                Commands.Checkout(repo, master);
            }
            repo.Network.Remotes.Add("origin", remotePath);
            repo.Branches.Update(repo.Branches[EnvironmentService.Master],
                b => b.Remote = "origin", b => b.UpstreamBranch = "refs/heads/" + EnvironmentService.Master);
        }
        observer.Progress(new OperationProgress("New project", "Creating master, staging and production"));
        await remote.PushFromAsync(root, EnvironmentService.Master, EnvironmentService.Master, cancellationToken).ConfigureAwait(false);
        await remote.TryCreateBranchAsync("staging", head, cancellationToken).ConfigureAwait(false);
        await remote.TryCreateBranchAsync("production", head, cancellationToken).ConfigureAwait(false);

        var store = new StateStore(remote);
        var activities = new ActivityService(store);
        var projectTitle = string.IsNullOrWhiteSpace(title) ? Path.GetFileName(root) : title;
        await activities.RecordAsync(ActivityType.ProjectCreate, null, $"Created project {projectTitle}", s =>
        {
            if (s.Project is not null)
                throw new CloudException(CloudErrorId.ProjectExists, $"The project remote '{remotePath}' already holds a project.", remotePath);
            var now = DateTimeOffset.Now;
            s.Project = new ProjectRecord { Id = ActivityId.Random(13), Title = projectTitle, CreatedAt = now };
            // Parent chain: master → staging → production (code flows up by merging into the parent).
            Add(s, EnvironmentService.Master, "Master", EnvironmentType.Development, "staging", now);
            Add(s, "staging", "Staging", EnvironmentType.Staging, "production", now);
            Add(s, "production", "Production", EnvironmentType.Production, null, now);
            return [$"Created project '{projectTitle}' at {head}.", "Environments: master (development), staging, production."];
        }, cancellationToken).ConfigureAwait(false);
        observer.Progress(new OperationProgress("New project", "Done", 100) { Completed = true });
        observer.Log($"Created project '{projectTitle}' with remote '{remotePath}'.");
        return new EnvironmentService(store, root).List().ToArray();
    }

    private static void Add(CloudState s, string name, string title, EnvironmentType type, string? parent, DateTimeOffset now) =>
        s.Environments[name] = new EnvironmentRecord
        {
            Name = name,
            Title = title,
            Type = type,
            Parent = parent,
            Status = EnvironmentStatus.Active,
            MachineName = EnvironmentService.MachineName(name),
            CreatedAt = now,
            UpdatedAt = now,
        };

    /// <summary>A remote inside the project must never be committed into it.</summary>
    private static void EnsureIgnored(string root, string remotePath)
    {
        var inside = Path.GetRelativePath(root, remotePath);
        if (inside.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(inside)) return;
        var gitignore = Path.Combine(root, ".gitignore");
        var lines = File.Exists(gitignore) ? File.ReadAllLines(gitignore) : [];
        var entry = inside.Replace('\\', '/').StartsWith(".magento/local/", StringComparison.Ordinal)
            ? LocalIgnore : "/" + inside.Replace('\\', '/') + "/";
        if (lines.Any(l => l.Trim() == entry || l.Trim() == entry.TrimStart('/') || l.Trim() == entry.TrimEnd('/'))) return;
        var prefix = lines.Length > 0 && !File.ReadAllText(gitignore).EndsWith('\n') ? "\n" : "";
        File.AppendAllText(gitignore, prefix + entry + "\n");
    }
}
