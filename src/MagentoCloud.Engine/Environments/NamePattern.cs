using System.Text.RegularExpressions;

namespace MagentoCloud.Engine.Environments;

/// <summary>PowerShell-style wildcards (<c>*</c>, <c>?</c>), case-insensitive, for name filters.</summary>
internal static class NamePattern
{
    public static Func<string, bool> Matcher(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern) || pattern == "*") return _ => true;
        var regex = new Regex(
            "^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return regex.IsMatch;
    }
}
