using System.Formats.Tar;
using ZstdSharp;

namespace MagentoCloud.Engine.Tests.Deploy;

/// <summary>Reads and rewrites a slug archive's entries, to see what a slug carries or to make one as a hostile build host would.</summary>
internal static class SlugEntries
{
    public static List<TarEntry> Read(string archive)
    {
        using var file = File.OpenRead(archive);
        using var zstd = new DecompressionStream(file);
        using var tar = new TarReader(zstd);
        var entries = new List<TarEntry>();
        while (tar.GetNextEntry(copyData: true) is { } entry) entries.Add(entry);
        return entries;
    }

    /// <summary>Rewrites <paramref name="archive"/> in place with every mode but a link's changed by <paramref name="mode"/>.</summary>
    public static void RewriteModes(string archive, Func<UnixFileMode, UnixFileMode> mode)
    {
        var entries = Read(archive);
        using var file = File.Create(archive);
        using var zstd = new CompressionStream(file);
        using var tar = new TarWriter(zstd, TarEntryFormat.Pax);
        foreach (var entry in entries)
        {
            if (entry.EntryType != TarEntryType.SymbolicLink) entry.Mode = mode(entry.Mode);
            tar.WriteEntry(entry);
        }
    }

    /// <summary>Every file and folder under <paramref name="release"/> (a link to it is followed) with a mode a slug must never carry.</summary>
    public static List<string> UnsafeModes(string release)
    {
        var resolved = new DirectoryInfo(release).ResolveLinkTarget(true)?.FullName ?? release;
        return Directory.EnumerateFileSystemEntries(resolved, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Where(path => new FileInfo(path).LinkTarget is null && (File.GetUnixFileMode(path) & MagentoCloud.Engine.Build.SlugArchive.UnsafeModes) != 0)
            .Select(path => $"{path} ({File.GetUnixFileMode(path)})").ToList();
    }
}
