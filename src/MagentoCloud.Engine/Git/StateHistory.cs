using LibGit2Sharp;

namespace MagentoCloud.Engine.Git;

/// <summary>
/// The whole history of a ref of the project remote, read or rewritten file by file: what
/// Protect-CloudVariable uses to take sensitive values out of every state commit.
/// </summary>
public sealed class StateHistory(ProjectRemote remote, string refName)
{
    /// <summary>The commit the ref points at now; null when it does not exist.</summary>
    public string? Tip()
    {
        using var repo = remote.OpenRepository();
        return repo.Refs[refName]?.ResolveToDirectReference()?.TargetIdentifier;
    }

    /// <summary>Calls <paramref name="visit"/> once for each distinct (path, content) of every commit reachable from <paramref name="tip"/>.</summary>
    public void ForEachFile(string tip, Action<string, string> visit)
    {
        using var repo = remote.OpenRepository();
        var seenTrees = new HashSet<ObjectId>();
        var seenFiles = new HashSet<(string, ObjectId)>();
        foreach (var commit in Commits(repo, tip))
            Walk(commit.Tree, "", seenTrees, seenFiles, visit);
    }

    /// <summary>
    /// Rewrites every commit reachable from <paramref name="tip"/>, oldest first: each file goes through
    /// <paramref name="transform"/> (path, text → new text, or null to keep it); authors, dates and
    /// messages stay. Returns the new tip and how many commits changed. No ref is moved.
    /// </summary>
    public (string Tip, int Rewritten) Rewrite(string tip, Func<string, string, string?> transform)
    {
        using var repo = remote.OpenRepository();
        var blobs = new Dictionary<(string, ObjectId), ObjectId>();
        var trees = new Dictionary<(string, ObjectId), Tree>();
        var commits = new Dictionary<ObjectId, Commit>();
        var rewritten = 0;
        foreach (var commit in Commits(repo, tip))
        {
            var tree = RewriteTree(repo, commit.Tree, "", transform, blobs, trees);
            var parents = commit.Parents.Select(p => commits[p.Id]).ToList();
            if (tree.Id == commit.Tree.Id && parents.Select(p => p.Id).SequenceEqual(commit.Parents.Select(p => p.Id)))
            {
                commits[commit.Id] = commit;
                continue;
            }
            commits[commit.Id] = repo.ObjectDatabase.CreateCommit(commit.Author, commit.Committer, commit.Message, tree, parents, prettifyMessage: false);
            rewritten++;
        }
        return (commits[new ObjectId(tip)].Sha, rewritten);
    }

    /// <summary>Moves the ref to the rewritten tip, compare-and-swap from the tip it was read at.</summary>
    public Task<bool> TryMoveAsync(string expected, string rewritten, CancellationToken cancellationToken) =>
        remote.TryMoveRefAsync(refName, expected, rewritten, "history rewritten without sensitive values", cancellationToken);

    private static IEnumerable<Commit> Commits(Repository repo, string tip) =>
        repo.Commits.QueryBy(new CommitFilter
        {
            IncludeReachableFrom = tip,
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
        }).ToList();

    private static void Walk(Tree tree, string prefix, HashSet<ObjectId> seenTrees, HashSet<(string, ObjectId)> seenFiles, Action<string, string> visit)
    {
        if (!seenTrees.Add(tree.Id)) return;
        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            if (entry.Target is Tree sub) Walk(sub, path + "/", seenTrees, seenFiles, visit);
            else if (entry.Target is Blob blob && seenFiles.Add((path, blob.Id))) visit(path, blob.GetContentText());
        }
    }

    private static Tree RewriteTree(Repository repo, Tree tree, string prefix, Func<string, string, string?> transform,
        Dictionary<(string, ObjectId), ObjectId> blobs, Dictionary<(string, ObjectId), Tree> trees)
    {
        if (trees.TryGetValue((prefix, tree.Id), out var done)) return done;
        var definition = TreeDefinition.From(tree);
        var changed = false;
        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            if (entry.Target is Tree sub)
            {
                var newSub = RewriteTree(repo, sub, path + "/", transform, blobs, trees);
                if (newSub.Id != sub.Id) { definition.Add(entry.Name, newSub); changed = true; }
            }
            else if (entry.Target is Blob blob)
            {
                if (!blobs.TryGetValue((path, blob.Id), out var id))
                {
                    id = transform(path, blob.GetContentText()) is { } text
                        ? repo.ObjectDatabase.CreateBlob(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), path).Id
                        : blob.Id;
                    blobs[(path, blob.Id)] = id;
                }
                if (id != blob.Id) { definition.Add(entry.Name, repo.Lookup<Blob>(id), entry.Mode); changed = true; }
            }
        }
        var result = changed ? repo.ObjectDatabase.CreateTree(definition) : tree;
        trees[(prefix, tree.Id)] = result;
        return result;
    }
}
