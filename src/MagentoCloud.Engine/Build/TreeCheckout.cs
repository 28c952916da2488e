using LibGit2Sharp;

namespace MagentoCloud.Engine.Build;

/// <summary>
/// Writes a commit's tree into a folder straight from the object database: no working copy, no
/// index, no git executable, and never the user's own checkout. Executables keep mode 755, links
/// stay links.
/// </summary>
public static class TreeCheckout
{
    /// <summary>Writes <paramref name="tree"/> into <paramref name="destination"/>; returns the number of files written.</summary>
    public static int Write(Tree tree, string destination, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(destination);
        return WriteTree(tree, destination, cancellationToken);
    }

    private static int WriteTree(Tree tree, string directory, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var entry in tree)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(directory, entry.Name);
            switch (entry.Mode)
            {
                case Mode.Directory:
                    Directory.CreateDirectory(path);
                    count += WriteTree((Tree)entry.Target, path, cancellationToken);
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
