using System.Security.Cryptography;

namespace MagentoCloud.Engine.Environments;

/// <summary>Activity ids: UTC time to the millisecond, then random letters. They sort by time.</summary>
public static class ActivityId
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static string New(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetString(Alphabet, 6);

    public static bool IsWellFormed(string id) =>
        id.Length == 23 && id.Take(17).All(char.IsAsciiDigit) && id.Skip(17).All(c => Alphabet.Contains(c));

    /// <summary>A random suffix for machine names and project ids.</summary>
    internal static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
