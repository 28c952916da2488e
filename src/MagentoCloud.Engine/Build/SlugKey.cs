using System.Security.Cryptography;
using System.Text;

namespace MagentoCloud.Engine.Build;

/// <summary>
/// The content address of a build: the tree id plus a hash of everything else that changes what the
/// build produces (the app config text, build-visible variables). Same inputs, same key: merging
/// feature → master → staging → production builds once.
/// </summary>
public static class SlugKey
{
    /// <summary>Bumped when the build itself changes in a way that makes old slugs wrong.</summary>
    private const string Format = "slug-v1";

    public static string Compute(string treeId, string appConfigText, IEnumerable<KeyValuePair<string, string>> buildVariables)
    {
        if (string.IsNullOrWhiteSpace(treeId))
            throw new ArgumentException("A tree id is required.", nameof(treeId));
        var text = new StringBuilder();
        Append(text, Format);
        Append(text, treeId.ToLowerInvariant());
        Append(text, appConfigText.Replace("\r\n", "\n"));
        // Ordinal order: the key must not depend on the order variables were listed in.
        foreach (var (name, value) in buildVariables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            Append(text, name);
            Append(text, value);
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }

    /// <summary>The short id shown to users.</summary>
    public static string ShortId(string key) => key[..Math.Min(12, key.Length)];

    // Length-prefixed, so no choice of values can make two different inputs hash alike.
    private static void Append(StringBuilder text, string value) => text.Append(value.Length).Append(':').Append(value).Append('\n');
}
