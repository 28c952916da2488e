using LibGit2Sharp;

namespace MagentoCloud.Engine.Environments;

/// <summary>
/// The one rule for environment names, enforced wherever a name comes in (New-CloudBranch, Push,
/// every -Environment) and wherever one is read back from the project state: lower-case letters,
/// digits, '-', '_' and '.', starting with a letter or digit, at most 64 characters, and a valid Git
/// branch name. Such a name is safe in a path, a database name and a shell word.
/// </summary>
public static class EnvironmentName
{
    public const int MaxLength = 64;

    private const string Rule = "Use lower-case letters, digits, '-', '_' and '.', starting with a letter or digit, at most 64 characters";

    /// <summary>Lowers and dashes <paramref name="input"/> (as Magento Cloud does), then refuses what breaks the rule.</summary>
    public static string Normalize(string input)
    {
        var name = (input ?? "").Trim().ToLowerInvariant().Replace(' ', '-');
        if (Problem(name) is { } problem)
            throw new CloudException(CloudErrorId.EnvironmentNameInvalid, $"'{input}' is not a valid environment name: {problem}. {Rule}.", input);
        return name;
    }

    /// <summary>True when <paramref name="name"/> keeps the rule (compared lower-cased: lookups ignore case).</summary>
    public static bool IsValid(string? name) => name is not null && Problem(name.ToLowerInvariant()) is null;

    /// <summary>What is wrong with <paramref name="name"/>, or null when it keeps the rule.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0) return "it is empty";
        if (name.Length > MaxLength) return $"it is longer than {MaxLength} characters";
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.'))
                return char.IsControl(c) || char.IsWhiteSpace(c) ? "it contains a control or white-space character" : $"it contains '{c}'";
        }
        if (!char.IsAsciiLetterOrDigit(name[0])) return $"it starts with '{name[0]}'";
        if (!Reference.IsValidName("refs/heads/" + name)) return "Git does not accept it as a branch name";
        return null;
    }

    /// <summary>
    /// Refuses a name found in the project state that breaks the rule (written by an older version, or
    /// by hand): nothing is done with it but renaming or removing it, and the error says how.
    /// </summary>
    public static void RequireValidStored(string name)
    {
        if (Problem(name) is not { } problem) return;
        var quoted = "'" + name.Replace("'", "''") + "'";
        throw new CloudException(CloudErrorId.EnvironmentNameInvalid,
            $"Environment {quoted} in the project state has a name that is no longer allowed ({problem}); nothing is done with it. " +
            $"{Rule}. Rename it with Rename-CloudEnvironment -Environment {quoted} -NewName <name> (it must be inactive: " +
            $"Disable-CloudEnvironment -Environment {quoted}), or remove it with Remove-CloudEnvironment -Environment {quoted} -DeleteBranch.",
            name);
    }
}
