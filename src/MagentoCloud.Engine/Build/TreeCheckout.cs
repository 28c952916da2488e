using LibGit2Sharp;
using MagentoCloud.Engine.Git;

namespace MagentoCloud.Engine.Build;

/// <summary>
/// Writes a commit's tree into a folder straight from the object database: no working copy, no
/// index, no git executable, and never the user's own checkout. Executables keep mode 755, links
/// stay links.
/// </summary>
public static class TreeCheckout
{
    /// <summary>Writes <paramref name="tree"/> into <paramref name="destination"/>; returns the number of files written.</summary>
    /// <param name="commit">The commit the tree is of, named when an entry is refused.</param>
    public static int Write(Tree tree, string destination, string commit, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(destination);
        return WriteTree(tree, destination, "", commit, cancellationToken);
    }

    private static int WriteTree(Tree tree, string directory, string folder, string commit, CancellationToken cancellationToken)
    {
        var count = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in tree)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Before the name reaches Path.Combine: "/tmp/x" or "../x" would land outside the checkout.
            TreeEntryName.Require(entry.Name, folder, commit, "Nothing was built.");
            // A hand-made tree may name a link and a folder alike: the folder's files would follow the link.
            if (!names.Add(entry.Name))
                throw new CloudException(CloudErrorId.TreeEntryUnsafe,
                    $"Commit {commit[..Math.Min(12, commit.Length)]} holds the tree entry '{folder}{entry.Name}' twice. Nothing was built. " +
                    "Git refuses such trees too (git fsck); rewrite the commit and push again.", commit);
            var path = Path.Combine(directory, entry.Name);
            switch (entry.Mode)
            {
                case Mode.Directory:
                    Directory.CreateDirectory(path);
                    count += WriteTree((Tree)entry.Target, path, folder + entry.Name + "/", commit, cancellationToken);
                    break;
                case Mode.SymbolicLink:
                    File.CreateSymbolicLink(path, ((Blob)entry.Target).GetContentText());
                    count++;
                    break;
                case Mode.NonExecutableFile:
                case Mode.NonExecutableGroupWritableFile:
                case Mode.ExecutableFile:
                    WriteBlob((Blob)entry.Target, path, entry.Mode == Mode.ExecutableFile);
                    count++;
                    break;
                case Mode.GitLink:
                    // A submodule: its commit is not in this repository; leave an empty folder as git does.
                    Directory.CreateDirectory(path);
                    break;
            }
        }
        return count;
    }

    private static void WriteBlob(Blob blob, string path, bool executable)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = executable
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                  | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }
        using var content = blob.GetContentStream();
        using var file = new FileStream(path, options);
        content.CopyTo(file);
    }
}
