using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Tests.Project;

/// <summary>A project folder on disk for one test, removed afterwards.</summary>
internal sealed class TempProject : IDisposable
{
    public TempProject()
    {
        Root = Path.Combine(Path.GetTempPath(), "mc-project-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public TempProject With(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return this;
    }

    public ProjectFiles Files => ProjectFiles.Load(Root);

    public IReadOnlyList<CloudFinding> Validate() => ProjectValidator.Validate(Files);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
