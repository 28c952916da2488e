using LibGit2Sharp;

namespace MagentoCloud.Engine.Git;

/// <summary>
/// Git's rule for the name of one tree entry, which Git itself enforces only when asked (fsck): one
/// path component, never empty, <c>.</c>, <c>..</c> or <c>.git</c> (any case), with no <c>/</c> or
/// NUL. A tree written by hand may hold <c>../../tmp/x</c> or <c>/tmp/x</c>; checked out as it is,
/// it writes outside the checkout without running any hook.
/// </summary>
public static class TreeEntryName
{
    /// <summary>Why <paramref name="name"/> is refused, or null when it is a plain name.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0) return "it is empty";
        if (name.Contains('\0')) return "it contains NUL";
        if (name.Contains('/')) return "it contains '/' (a path, not a name)";
        if (name is "." or "..") return $"it is '{name}'";
        // Windows and macOS treat ".git." and ".git " as ".git"; refuse them everywhere.
        if (name.TrimEnd('.', ' ').Equals(".git", StringComparison.OrdinalIgnoreCase)) return "it names Git's own folder '.git'";
        return null;
    }

    /// <summary>Throws <see cref="CloudErrorId.TreeEntryUnsafe"/> for a refused name at <paramref name="folder"/> of <paramref name="commit"/>.</summary>
    public static void Require(string name, string folder, string commit, string doing)
    {
        if (Problem(name) is not { } why) return;
        var shown = name.Replace("\0", "\\0", StringComparison.Ordinal);
        throw new CloudException(CloudErrorId.TreeEntryUnsafe,
            $"Commit {commit[..Math.Min(12, commit.Length)]} holds the tree entry '{shown}'{(folder.Length > 0 ? $" in '{folder}'" : "")}, " +
            $"which is refused because {why}. {doing} Git refuses such trees too (git fsck); rewrite the commit with ordinary file names and push again.",
            target: commit);
    }

    /// <summary>
    /// Checks every tree of the commits reachable from <paramref name="head"/> and not from
    /// <paramref name="known"/> (commits the receiver already holds), each distinct tree once.
    /// </summary>
    public static void RequireSafeHistory(Repository repository, string head, IEnumerable<string> known, string doing)
    {
        var exclude = known.Select(id => repository.Lookup<Commit>(id)).OfType<Commit>().ToList();
        var commits = repository.Commits.QueryBy(new CommitFilter
        {
            IncludeReachableFrom = repository.Lookup<Commit>(head),
            ExcludeReachableFrom = exclude,
        });
        var seen = new HashSet<ObjectId>();
        foreach (var commit in commits)
            RequireSafeTree(commit.Tree, "", commit.Sha, seen, doing);
    }

    private static void RequireSafeTree(Tree tree, string folder, string commit, HashSet<ObjectId> seen, string doing)
    {
        if (!seen.Add(tree.Id)) return;
        foreach (var entry in tree)
        {
            Require(entry.Name, folder, commit, doing);
            if (entry.TargetType == TreeEntryTargetType.Tree)
                RequireSafeTree((Tree)entry.Target, folder + entry.Name + "/", commit, seen, doing);
        }
    }
}
