using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MagentoCloud.Engine.Project;

/// <summary>
/// One YAML file of the project, read through the representation model so every node keeps its
/// position; a syntax error is kept (not thrown) so validation can report it with its place.
/// </summary>
public sealed class YamlSource
{
    private YamlSource(string relativePath, bool exists, YamlNode? root, YamlException? syntaxError)
    {
        RelativePath = relativePath;
        Exists = exists;
        Root = root;
        SyntaxError = syntaxError;
    }

    /// <summary>Relative to the project root, forward slashes.</summary>
    public string RelativePath { get; }

    public bool Exists { get; }

    /// <summary>The document's root node; null when the file is absent, empty or unparsable.</summary>
    public YamlNode? Root { get; }

    /// <summary>The root as a mapping, or null (absent, empty, unparsable, or not a mapping).</summary>
    public YamlMappingNode? Mapping => Root as YamlMappingNode;

    public YamlException? SyntaxError { get; }

    public static YamlSource Load(string projectRoot, string relativePath)
    {
        var full = Path.Combine(projectRoot, relativePath.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(full)) return new YamlSource(relativePath, false, null, null);
        return Parse(relativePath, File.ReadAllText(full));
    }

    /// <summary>A file that is not there.</summary>
    public static YamlSource Missing(string relativePath) => new(relativePath, false, null, null);

    public static YamlSource Parse(string relativePath, string text)
    {
        try
        {
            return new YamlSource(relativePath, true, YamlReader.Read(text), null);
        }
        catch (YamlException e)
        {
            return new YamlSource(relativePath, true, null, e);
        }
    }
}
