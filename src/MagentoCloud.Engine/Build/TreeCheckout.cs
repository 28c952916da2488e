using System.Formats.Tar;
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
            Check(entry, names, folder, commit);
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

    /// <summary>Refuses an entry name that would land outside the checkout, or one the tree holds twice.</summary>
    private static void Check(TreeEntry entry, HashSet<string> names, string folder, string commit)
    {
        // Before the name reaches Path.Combine: "/tmp/x" or "../x" would land outside the checkout.
        TreeEntryName.Require(entry.Name, folder, commit, "Nothing was built.");
        // A hand-made tree may name a link and a folder alike: the folder's files would follow the link.
        if (!names.Add(entry.Name))
            throw new CloudException(CloudErrorId.TreeEntryUnsafe,
                $"Commit {commit[..Math.Min(12, commit.Length)]} holds the tree entry '{folder}{entry.Name}' twice. Nothing was built. " +
                "Git refuses such trees too (git fsck); rewrite the commit and push again.", commit);
    }

    /// <summary>
    /// Writes <paramref name="tree"/> as a tar stream (the same entries, modes and links as <see cref="Write"/>
    /// puts on disk), for a build host to unpack: the tree, never the history. Returns the number of files.
    /// </summary>
    public static int WriteTar(Tree tree, Stream output, string commit, CancellationToken cancellationToken)
    {
        using var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        return WriteTarTree(tar, tree, "", commit, cancellationToken);
    }

    private static int WriteTarTree(TarWriter tar, Tree tree, string folder, string commit, CancellationToken cancellationToken)
    {
        const UnixFileMode File644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        const UnixFileMode Exec755 = File644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var count = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in tree)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Check(entry, names, folder, commit);
            var name = folder + entry.Name;
            switch (entry.Mode)
            {
                case Mode.Directory:
                case Mode.GitLink:
                    tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name + "/") { Mode = Exec755 });
                    if (entry.Mode == Mode.Directory)
                        count += WriteTarTree(tar, (Tree)entry.Target, name + "/", commit, cancellationToken);
                    break;
                case Mode.SymbolicLink:
                    tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = ((Blob)entry.Target).GetContentText(), Mode = Exec755 });
                    count++;
                    break;
                case Mode.NonExecutableFile:
                case Mode.NonExecutableGroupWritableFile:
                case Mode.ExecutableFile:
                    using (var content = Seekable(((Blob)entry.Target).GetContentStream()))
                        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
                        {
                            Mode = entry.Mode == Mode.ExecutableFile ? Exec755 : File644,
                            DataStream = content,
                        });
                    count++;
                    break;
            }
        }
        return count;
    }

    private static Stream Seekable(Stream stream)
    {
        if (stream.CanSeek) return stream;
        var copy = new MemoryStream();
        using (stream) stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
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
