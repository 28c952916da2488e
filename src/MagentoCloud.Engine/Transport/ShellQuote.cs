using System.Text;

namespace MagentoCloud.Engine.Transport;

/// <summary>
/// Quotes words for a POSIX shell so that no input can run a command: anything not plainly safe
/// goes inside single quotes, where the shell expands nothing.
/// </summary>
public static class ShellQuote
{
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Contains('\0'))
            throw new ArgumentException("A shell word cannot contain a NUL character.", nameof(word));
        if (word.Length == 0) return "''";
        if (word.All(IsSafe)) return word;
        // Close the quote, emit an escaped quote, reopen: ' -> '\''
        return "'" + word.Replace("'", "'\\''") + "'";
    }

    public static string Join(IEnumerable<string> words)
    {
        var sb = new StringBuilder();
        foreach (var word in words)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(Quote(word));
        }
        return sb.ToString();
    }

    // '=' is left out so a first word is never read as an assignment; '~' so it never expands.
    private static bool IsSafe(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ':' or ',' or '+' or '@' or '%';
}
