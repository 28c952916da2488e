using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MagentoCloud.Engine.Project;

/// <summary>
/// The one way the engine reads YAML, for every file (a commit's, the project's, the built-in
/// ones): the first document's root node, read within limits on length, nesting depth and node
/// count with aliases expanded. A file may be pushed by anyone who can push a branch: a few lines of
/// nested aliases must not take the machine's memory, and deep nesting must not overflow the stack
/// of the process that reads it. A passed limit throws <see cref="YamlLimitException"/> at its place.
/// </summary>
public static class YamlReader
{
    /// <summary>Characters in one file; project files are a few KiB.</summary>
    public const int MaxLength = 4 * 1024 * 1024;

    /// <summary>Mappings and lists inside each other.</summary>
    public const int MaxDepth = 64;

    /// <summary>Nodes once every alias is expanded (what a reader that walks the tree visits).</summary>
    public const long MaxNodes = 200_000;

    /// <summary>The first document's root node; null for an empty text. Throws <see cref="YamlException"/>.</summary>
    public static YamlNode? Read(string text)
    {
        if (text.Length > MaxLength)
            throw new YamlLimitException(Mark.Empty, Mark.Empty,
                $"the file is {text.Length / 1024} KiB; a project's YAML file may be at most {MaxLength / 1024 / 1024} MiB");
        var stream = new YamlStream();
        stream.Load(new LimitedParser(new Parser(new StringReader(text)), MaxDepth, MaxNodes));
        return stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
    }
}
