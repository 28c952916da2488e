using LibGit2Sharp;

namespace MagentoCloud.Engine.Git;

/// <summary>
/// Writes a pack of the objects a commit brings that the server does not have yet: the commits
/// not reachable from the server's refs (as last fetched), and of each only the trees and blobs
/// that differ from its first parent. Unchanged subtrees are skipped whole, so a state commit
/// sends a few small objects however large the state is.
/// </summary>
internal static class PackOfNewObjects
{
    /// <summary>Writes the pack into <paramref name="directory"/> and returns the .pack file's path.</summary>
    public static string Write(Repository repo, string commit, IEnumerable<string> serverRefs, string directory)
    {
        Directory.CreateDirectory(directory);
        var known = serverRefs.Select(r => repo.Refs[r]?.ResolveToDirectReference()?.Target).OfType<Commit>().ToList();
        var commits = repo.Commits.QueryBy(new CommitFilter
        {
            IncludeReachableFrom = repo.Lookup<Commit>(commit),
            ExcludeReachableFrom = known,
        }).ToList();
        repo.ObjectDatabase.Pack(new PackBuilderOptions(directory), builder =>
        {
            var added = new HashSet<ObjectId>();
            foreach (var c in commits)
            {
                builder.Add(c.Id);
                AddChanged(builder, c.Tree, c.Parents.FirstOrDefault()?.Tree, added);
            }
        });
        return Directory.EnumerateFiles(directory, "*.pack").Single();
    }

    private static void AddChanged(PackBuilder builder, Tree tree, Tree? before, HashSet<ObjectId> added)
    {
        if (before?.Id == tree.Id || !added.Add(tree.Id)) return;
        builder.Add(tree.Id);
        foreach (var entry in tree)
        {
            var old = before?[entry.Name];
            if (old?.Target.Id == entry.Target.Id) continue;
            switch (entry.Target)
            {
                case Tree sub:
                    AddChanged(builder, sub, old?.Target as Tree, added);
                    break;
                case Blob blob when added.Add(blob.Id):
                    builder.Add(blob.Id);
                    break;
            }
        }
    }
}
