using System.Formats.Tar;
using MagentoCloud.Engine.Build;
using ZstdSharp;

namespace MagentoCloud.Engine.Tests.Build;

public sealed class SlugArchiveTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mc-archive-").FullName;

    [Theory]
    [InlineData("../evil.php", null)]
    [InlineData("/etc/evil", null)]
    [InlineData("app/../../evil", null)]
    [InlineData("link", "../outside")]
    [InlineData("link", "/etc/passwd")]
    [InlineData("a/b/link", "../../../x")]
    public void Verify_refuses_entries_escaping_the_release(string name, string? linkTarget)
    {
        var archive = Write(("index.php", null), (name, linkTarget));
        var error = Assert.Throws<CloudException>(() => SlugArchive.Verify(archive));
        Assert.Equal(CloudErrorId.SlugUnsafe, error.Id);
        Assert.Contains(name, error.Message);
    }

    [Fact]
    public void Verify_follows_the_archives_own_links_to_catch_an_escape_through_them()
    {
        // up → x/y/../.. is the root, lexically harmless; t → x/y/up/.. then leaves the root.
        var archive = Write(("x/y/up", "../.."), ("t", "x/y/up/.."));
        var error = Assert.Throws<CloudException>(() => SlugArchive.Verify(archive));
        Assert.Contains("'t'", error.Message);
    }

    [Fact]
    public void Verify_accepts_links_that_stay_inside()
    {
        var archive = Write(("index.php", null), ("pub/index.php", "../index.php"), ("pub/static", "."));
        Assert.Equal(3, SlugArchive.Verify(archive));
    }

    [Fact]
    public void Extract_refuses_an_escaping_archive_and_writes_nothing()
    {
        var archive = Write(("index.php", null), ("../evil.php", null));
        var target = Path.Combine(_directory, "out");
        Assert.Throws<CloudException>(() => SlugArchive.Extract(archive, target));
        Assert.False(File.Exists(Path.Combine(_directory, "evil.php")));
        Assert.False(Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any());
    }

    /// <summary>A tar.zst with the given entries: a file when the link target is null, else a symbolic link.</summary>
    internal static string Write(params (string Name, string? LinkTarget)[] entries) => WriteTo(
        Path.Combine(Path.GetTempPath(), $"mc-archive-{Guid.NewGuid():N}.tar.zst"), entries);

    internal static string WriteTo(string path, params (string Name, string? LinkTarget)[] entries)
    {
        using var file = File.Create(path);
        using var zstd = new CompressionStream(file, 3);
        using var tar = new TarWriter(zstd, TarEntryFormat.Pax);
        foreach (var (name, target) in entries)
        {
            if (target is null)
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream("x"u8.ToArray()) });
            else
                tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target });
        }
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
