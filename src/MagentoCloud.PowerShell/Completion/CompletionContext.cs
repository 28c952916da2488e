using System.Collections;
using System.Management.Automation;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.PowerShell.Completion;

/// <summary>
/// What the completers share: the project a command line points at (its -ProjectPath, else the
/// session's current location), the values already typed, and quoting of what they offer.
/// </summary>
internal static class CompletionContext
{
    /// <summary>
    /// What a completer offers from the command line's project: nothing when there is none, and
    /// nothing when anything fails, for a completer must never put an error in front of someone typing.
    /// </summary>
    public static IEnumerable<CompletionResult> Offer(IDictionary fakeBoundParameters, Func<Workspace, IEnumerable<CompletionResult>> offer)
    {
        try
        {
            return OpenProject(fakeBoundParameters) is { } project ? offer(project).ToList() : [];
        }
        catch (Exception)
        {
            return [];
        }
    }

    /// <summary>The project of the command line, or null when there is none (completers then offer nothing).</summary>
    private static Workspace? OpenProject(IDictionary fakeBoundParameters)
    {
        var location = CurrentLocation();
        var typed = BoundString(fakeBoundParameters, "ProjectPath");
        var start = typed is null ? location : Path.Combine(location ?? "", typed);
        if (string.IsNullOrEmpty(start)) return null;
        return Workspace.Open(start);
    }

    /// <summary>A parameter's value as the command line gives it so far, when it is plain text.</summary>
    public static string? BoundString(IDictionary fakeBoundParameters, string name)
    {
        if (fakeBoundParameters is null) return null;
        foreach (DictionaryEntry entry in fakeBoundParameters)
        {
            if (entry.Key is string key && string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                var value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                return value is string text && text.Length > 0 ? text : null;
            }
        }
        return null;
    }

    /// <summary>True when <paramref name="candidate"/> begins with what the user typed (quotes and wildcards aside).</summary>
    public static Func<string, bool> Matcher(string? wordToComplete)
    {
        var word = (wordToComplete ?? "").Trim('\'', '"').TrimEnd('*');
        return candidate => candidate.StartsWith(word, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The text to insert: quoted when PowerShell would otherwise split or expand it.</summary>
    public static string Quote(string value) =>
        value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || "'\"`$(){}[];,&|@#<>".Contains(c))
            ? "'" + value.Replace("'", "''") + "'"
            : value;

    private static string? CurrentLocation()
    {
        // Completers run on the pipeline thread; a nested command in the same runspace reads $PWD.
        using var shell = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
        shell.AddCommand("Microsoft.PowerShell.Management\\Get-Location").AddParameter("PSProvider", "FileSystem");
        var result = shell.Invoke();
        return result.Count > 0 && result[0].BaseObject is PathInfo path ? path.ProviderPath : null;
    }
}
