using System.Text;

namespace MagentoCloud.Engine.Project;

/// <summary>
/// The blank site New-CloudProject starts from: Magento Cloud's project files with hooks that are
/// plain shell (no PHP needed), a page and a tiny PHP front controller to serve, and a config.php with modules and scopes.
/// </summary>
public static class ProjectTemplate
{
    // The resources are stored without leading dots so that the template never acts on this
    // source tree (a nested .gitignore would); each maps to its place in the new project.
    private static readonly (string Resource, string Target)[] Files =
    [
        ("magento.app.yaml", ".magento.app.yaml"),
        ("services.yaml", ".magento/services.yaml"),
        ("routes.yaml", ".magento/routes.yaml"),
        ("magento.env.yaml", ".magento.env.yaml"),
        ("gitignore", ".gitignore"),
        ("config.php", "app/etc/config.php"),
        ("index.html", "pub/index.html"),
        ("index.php", "pub/index.php"),
        ("README.md", "README.md"),
    ];

    /// <summary>The files the template writes, relative to the project root.</summary>
    public static IReadOnlyList<string> FileNames => Files.Select(f => f.Target).ToList();

    /// <summary>
    /// Writes the template into <paramref name="folder"/> (created if needed), with the project's
    /// <paramref name="name"/> in the page title and SITE_NAME. Refuses to overwrite a project.
    /// Returns the files written, relative to the folder.
    /// </summary>
    public static IReadOnlyList<string> WriteTo(string folder, string name)
    {
        // The name lands in YAML and HTML unescaped, so it keeps to characters safe in both.
        if (string.IsNullOrWhiteSpace(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '_' or '-'))
            throw new CloudException(CloudErrorId.InvalidArgument,
                $"'{name}' cannot name a project: use letters, digits, spaces, '.', '_' and '-'.", name);
        folder = Path.GetFullPath(folder);
        var existing = Files.Select(f => f.Target).Where(t => File.Exists(Path.Combine(folder, t))).ToList();
        if (existing.Count > 0)
            throw new CloudException(CloudErrorId.ProjectExists,
                $"'{folder}' already holds {string.Join(", ", existing)}. Choose an empty folder, or remove these files first.",
                folder);

        var assembly = typeof(ProjectTemplate).Assembly;
        foreach (var (resource, target) in Files)
        {
            using var stream = assembly.GetManifestResourceStream("Template/" + resource)
                ?? throw new InvalidOperationException($"The template file {resource} is missing from the engine.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var text = reader.ReadToEnd().Replace("{{project}}", name, StringComparison.Ordinal);
            var path = Path.Combine(folder, target.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text, new UTF8Encoding(false));
        }
        return FileNames;
    }
}
