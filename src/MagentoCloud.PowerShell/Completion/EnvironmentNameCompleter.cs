using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace MagentoCloud.PowerShell.Completion;

/// <summary>Completes environment names of the command line's project, from one read of its state.</summary>
public sealed class EnvironmentNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var matches = CompletionContext.Matcher(wordToComplete);
        return CompletionContext.Offer(fakeBoundParameters, project => project.State.Read(s => s.Environments.Values
                .Select(e => (e.Name, e.Title, e.Type, e.Status, e.Parent))
                .ToList())
            .Where(e => matches(e.Name))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => new CompletionResult(
                CompletionContext.Quote(e.Name),
                e.Name,
                CompletionResultType.ParameterValue,
                $"{e.Name}: {e.Type}, {e.Status}" + (e.Parent is null ? "" : $", child of {e.Parent}") +
                (string.IsNullOrEmpty(e.Title) || e.Title == e.Name ? "" : $" — {e.Title}"))));
    }
}
