using System.Text;

namespace MagentoCloud.Engine.Runtime;

/// <summary>Quoting for nginx configuration: every path and pattern we write goes through here.</summary>
internal static class NginxText
{
    /// <summary>
    /// A double-quoted nginx string. nginx turns <c>\\</c> and <c>\"</c> back into one character and
    /// leaves other backslashes (<c>\d</c>, <c>\.</c>) alone, so regular expressions survive as written.
    /// </summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\') quoted.Append('\\');
            quoted.Append(c);
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>A literal (a path, a header value): nginx would read <c>$name</c> in it as a variable.</summary>
    public static string Literal(string text)
    {
        if (text.Contains('$'))
            throw new CloudException(CloudErrorId.InvalidArgument,
                $"'{text}' holds a '$', which nginx would read as a variable. Leave it out of paths and header values.", text);
        if (text.Any(char.IsControl))
            throw new CloudException(CloudErrorId.InvalidArgument, $"'{text}' holds a control character (a line break?): remove it.", text);
        return Quote(text);
    }
}
