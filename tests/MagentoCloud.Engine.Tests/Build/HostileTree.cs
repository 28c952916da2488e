using System.Text;
using LibGit2Sharp;

namespace MagentoCloud.Engine.Tests.Build;

/// <summary>
/// Commits whose trees Git itself would refuse, written byte by byte into the object database as
/// <c>git hash-object -t tree --literally</c> does: entry names such as <c>../x</c> or <c>/tmp/x</c>.
/// </summary>
internal static class HostileTree
{
    /// <summary>A commit on top of <paramref name="parent"/> whose root tree adds a blob under each of <paramref name="names"/>.</summary>
    public static Commit Commit(Repository repository, Commit parent, params string[] names)
    {
        var blob = repository.ObjectDatabase.CreateBlob(new MemoryStream("written by a hostile tree\n"u8.ToArray()));
        var entries = parent.Tree.Select(e => (Mode: ModeText(e.Mode), e.Name, e.Target.Id))
            .Concat(names.Select(n => (Mode: "100644", Name: n, blob.Id)))
            .OrderBy(e => e.Name, StringComparer.Ordinal);
        using var bytes = new MemoryStream();
        foreach (var (mode, name, id) in entries)
        {
            bytes.Write(Encoding.UTF8.GetBytes($"{mode} {name}\0"));
            bytes.Write(id.RawId);
        }
        var tree = repository.ObjectDatabase.Write<Tree>(bytes.ToArray());
        var signature = new Signature("Pusher", "pusher@example.com", DateTimeOffset.Now);
        return repository.ObjectDatabase.CreateCommit(signature, signature, "hostile tree", repository.Lookup<Tree>(tree), [parent], false);
    }

    private static string ModeText(Mode mode) => mode switch
    {
        Mode.Directory => "40000",
        Mode.ExecutableFile => "100755",
        Mode.SymbolicLink => "120000",
        _ => "100644",
    };
}
