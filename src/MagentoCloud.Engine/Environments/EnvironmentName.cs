using LibGit2Sharp;

namespace MagentoCloud.Engine.Environments;

/// <summary>Magento Cloud's rules for environment names: lower-case, spaces become dashes, no reserved characters.</summary>
public static class EnvironmentName
{
    private const string Forbidden = "/{}()*<>&%";

    /// <summary>Lowers and dashes <paramref name="input"/>, then refuses what Magento Cloud or Git refuse.</summary>
    public static string Normalize(string input)
    {
        var name = (input ?? "").Trim().ToLowerInvariant().Replace(' ', '-');
        string? problem = null;
        if (name.Length == 0) problem = "it is empty";
        else if (name.IndexOfAny(Forbidden.ToCharArray()) is var i and >= 0) problem = $"it contains '{name[i]}'";
        else if (name.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) problem = "it contains a control or white-space character";
        else if (name.Length > 64) problem = "it is longer than 64 characters";
        else if (name.StartsWith('-') || name.StartsWith('.')) problem = "it starts with '-' or '.'";
        else if (!Reference.IsValidName("refs/heads/" + name)) problem = "Git does not accept it as a branch name";
        if (problem is not null)
        {
            throw new CloudException(
                CloudErrorId.EnvironmentNameInvalid,
                $"'{input}' is not a valid environment name: {problem}. Use lower-case letters, digits, '-', '_' and '.', " +
                $"and none of {string.Join(" ", Forbidden.ToCharArray())}.",
                target: input);
        }
        return name;
    }
}
