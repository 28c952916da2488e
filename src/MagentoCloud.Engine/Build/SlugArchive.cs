using System.Formats.Tar;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace MagentoCloud.Engine.Build;

/// <summary>
/// A slug's archive: a tar of the built folder (modes and symbolic links kept) compressed with zstd.
/// zstd, not gzip: it compresses many times faster, and archiving sits on every build's path.
/// </summary>
public static class SlugArchive
{
    /// <summary>Fast levels keep the build quick; the archive mostly crosses loopback or a LAN.</summary>
    public const int CompressionLevel = 3;

    /// <summary>
    /// Modes a slug never carries, stripped when it is made and again when it is unpacked: setuid,
    /// setgid and sticky (a build hook's setuid binary must not become the deploy user's, or root's),
    /// and write for others (a 2777 folder would let any user of the host change the live code).
    /// </summary>
    public const UnixFileMode UnsafeModes = UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit | UnixFileMode.OtherWrite;

    /// <summary>The same strip as a shell command for a host, given the quoted folder: never follows a link.</summary>
    public static string StripUnsafeModesCommand(string quotedFolder) =>
        $"find {quotedFolder} ! -type l -perm /7002 -exec chmod u-s,g-s,o-t,o-w {{}} +";

    /// <summary>Archives <paramref name="source"/> into <paramref name="archivePath"/>; returns the number of entries.</summary>
    public static async Task<int> CreateAsync(string source, string archivePath, CancellationToken cancellationToken)
    {
        source = Path.GetFullPath(source);
        var count = 0;
        await using var file = new FileStream(archivePath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (var zstd = new CompressionStream(file, CompressionLevel, leaveOpen: true))
        {
            zstd.SetParameter(ZSTD_cParameter.ZSTD_c_nbWorkers, Math.Max(1, Environment.ProcessorCount - 1));
            await using var tar = new TarWriter(zstd, TarEntryFormat.Pax, leaveOpen: true);
            foreach (var (fullPath, entryName) in Walk(source, ""))
            {
                cancellationToken.ThrowIfCancellationRequested();
                // TarWriter reads mode, times and link targets from the file system itself: make the mode safe first.
                if (!OperatingSystem.IsWindows() && new FileInfo(fullPath).LinkTarget is null)
                {
                    var mode = File.GetUnixFileMode(fullPath);
                    if ((mode & UnsafeModes) != 0) File.SetUnixFileMode(fullPath, mode & ~UnsafeModes);
                }
                await tar.WriteEntryAsync(fullPath, entryName, cancellationToken).ConfigureAwait(false);
                count++;
            }
        }
        return count;
    }

    /// <summary>
    /// Refuses an archive that could write outside the folder it is unpacked into: absolute or
    /// <c>..</c> entry paths, links that resolve outside (following the archive's own links), and
    /// entries other than files, folders and links. Returns the number of entries.
    /// </summary>
    public static int Verify(string archivePath)
    {
        using var file = File.OpenRead(archivePath);
        using var zstd = new DecompressionStream(file);
        using var tar = new TarReader(zstd);
        return VerifyEntries(Path.GetFileName(archivePath), Entries(tar));

        static IEnumerable<(string, TarEntryType, string)> Entries(TarReader tar)
        {
            while (tar.GetNextEntry(copyData: false) is { } entry) yield return (entry.Name, entry.EntryType, entry.LinkName);
        }
    }

    /// <summary>
    /// <see cref="Verify"/>'s checks on a listing of entries (name, type, link target), such as a build
    /// host reports of the folder it archives. Returns the number of entries.
    /// </summary>
    public static int VerifyEntries(string archiveName, IEnumerable<(string Name, TarEntryType Type, string LinkName)> entries)
    {
        var archivePath = archiveName;
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        var hardLinks = new List<(string Name, string Target)>();
        var count = 0;
        foreach (var entry in entries)
        {
            count++;
            var name = CheckEntryName(archivePath, entry.Name);
            switch (entry.Type)
            {
                case TarEntryType.Directory:
                case TarEntryType.RegularFile:
                case TarEntryType.V7RegularFile:
                case TarEntryType.ContiguousFile:
                    break;
                case TarEntryType.SymbolicLink:
                    links[name] = entry.LinkName;
                    break;
                case TarEntryType.HardLink:
                    hardLinks.Add((name, entry.LinkName));
                    break;
                default:
                    throw Unsafe(archivePath, entry.Name, $"it is a {entry.Type} entry; a slug holds only files, folders and links");
            }
        }
        foreach (var (name, target) in links)
        {
            if (target.StartsWith('/'))
                throw Unsafe(archivePath, name, $"it links to the absolute path '{target}'");
            var parent = name.Contains('/') ? name[..name.LastIndexOf('/')] : "";
            if (!StaysInside(Join(parent, target), links))
                throw Unsafe(archivePath, name, $"its link target '{target}' resolves outside the release directory");
        }
        foreach (var (name, target) in hardLinks)
        {
            if (target.StartsWith('/') || !StaysInside(CheckEntryName(archivePath, target), links))
                throw Unsafe(archivePath, name, $"it is a hard link to '{target}', outside the release directory");
        }
        return count;
    }

    /// <summary>Verifies, then unpacks into <paramref name="destination"/> (created if needed).</summary>
    public static void Extract(string archivePath, string destination)
    {
        Verify(archivePath);
        destination = Path.GetFullPath(destination);
        Directory.CreateDirectory(destination);
        var root = destination.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        using var file = File.OpenRead(archivePath);
        using var zstd = new DecompressionStream(file);
        using var tar = new TarReader(zstd);
        while (tar.GetNextEntry() is { } entry)
        {
            var target = Path.GetFullPath(Path.Combine(destination, entry.Name.TrimEnd('/')));
            if (!target.StartsWith(root, StringComparison.Ordinal) && target != destination)
                throw Unsafe(archivePath, entry.Name, "it would be written outside the destination");
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(target);
                    if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target, entry.Mode & ~UnsafeModes);
                    break;
                case TarEntryType.SymbolicLink:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.CreateSymbolicLink(target, entry.LinkName);
                    break;
                case TarEntryType.HardLink:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(Path.Combine(destination, entry.LinkName), target, overwrite: true);
                    break;
                default:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    entry.ExtractToFile(target, overwrite: true);
                    if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(target, entry.Mode & ~UnsafeModes);
                    break;
            }
        }
    }

    /// <summary>Depth-first, sorted (stable archives), never following a symbolic link into a folder.</summary>
    private static IEnumerable<(string FullPath, string EntryName)> Walk(string directory, string prefix)
    {
        var entries = new DirectoryInfo(directory).EnumerateFileSystemInfos()
            .OrderBy(e => e.Name, StringComparer.Ordinal);
        foreach (var info in entries)
        {
            var name = prefix + info.Name;
            if (info is DirectoryInfo && info.LinkTarget is null)
            {
                yield return (info.FullName, name + "/");
                foreach (var child in Walk(info.FullName, name + "/"))
                    yield return child;
            }
            else
            {
                yield return (info.FullName, name);
            }
        }
    }

    private static string CheckEntryName(string archivePath, string name)
    {
        if (name.StartsWith('/') || name.Contains('\\') || name.Contains('\0') || (name.Length > 1 && name[1] == ':'))
            throw Unsafe(archivePath, name, "its path is absolute");
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => p == ".."))
            throw Unsafe(archivePath, name, "its path climbs out with '..'");
        return string.Join('/', parts.Where(p => p != "."));
    }

    private static string Join(string parent, string relative) => parent.Length == 0 ? relative : parent + "/" + relative;

    /// <summary>
    /// Resolves a relative path as the kernel would, following the archive's own links, and says
    /// whether it stays at or below the root. A lexical check alone is fooled by a link that points
    /// up followed by <c>..</c>.
    /// </summary>
    private static bool StaysInside(string path, IReadOnlyDictionary<string, string> links)
    {
        var stack = new List<string>();
        var pending = new Stack<string>(Enumerable.Reverse(path.Split('/', StringSplitOptions.RemoveEmptyEntries)));
        var hops = 0;
        while (pending.TryPop(out var part))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                if (stack.Count == 0) return false;
                stack.RemoveAt(stack.Count - 1);
                continue;
            }
            stack.Add(part);
            if (links.TryGetValue(string.Join('/', stack), out var target))
            {
                if (++hops > 40 || target.StartsWith('/')) return false; // a loop, or absolute
                stack.RemoveAt(stack.Count - 1);
                foreach (var next in Enumerable.Reverse(target.Split('/', StringSplitOptions.RemoveEmptyEntries)))
                    pending.Push(next);
            }
        }
        return true;
    }

    private static CloudException Unsafe(string archivePath, string entry, string why) => new(
        CloudErrorId.SlugUnsafe,
        $"The slug archive '{Path.GetFileName(archivePath)}' is unsafe: entry '{entry}' is refused because {why}. " +
        "Nothing was unpacked. Rebuild the slug with Invoke-CloudBuild -Force, and check the build hook for links that point outside the application.",
        target: entry);
}
