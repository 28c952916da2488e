using LibGit2Sharp;

namespace MagentoCloud.Engine.Git;

/// <summary>
/// One read of the state ref: the commit it pointed at and the files of that commit's tree.
/// Reading the tree once (never history) keeps listing 200 environments cheap.
/// </summary>
public sealed class StateTree : IDisposable
{
    private readonly Repository _repository;
    private readonly Tree? _tree;

    internal StateTree(Repository repository, Commit? commit)
    {
        _repository = repository;
        _tree = commit?.Tree;
        CommitId = commit?.Sha;
    }

    /// <summary>The state commit read, or null when the project has no state yet.</summary>
    public string? CommitId { get; }

    /// <summary>The text of a file, or null when it is absent.</summary>
    public string? ReadText(string path)
    {
        if (_tree?[path]?.Target is Blob blob)
            return blob.GetContentText();
        return null;
    }

    /// <summary>The names of the files (or folders) directly inside <paramref name="folder"/>, sorted ordinally.</summary>
    public IReadOnlyList<string> List(string folder)
    {
        if (_tree?[folder]?.Target is not Tree sub) return [];
        var names = sub.Select(e => e.Name).ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public void Dispose() => _repository.Dispose();
}
