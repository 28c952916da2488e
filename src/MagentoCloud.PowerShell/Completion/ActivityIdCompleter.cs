using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace MagentoCloud.PowerShell.Completion;

/// <summary>
/// Completes activity ids, newest first, with type, environment and result in the tooltip.
/// An -Environment already on the command line narrows them to that environment's.
/// </summary>
public sealed class ActivityIdCompleter : IArgumentCompleter
{
    /// <summary>More than a screenful of ids helps no one; older ones can still be typed.</summary>
    public const int MaxResults = 50;

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var matches = CompletionContext.Matcher(wordToComplete);
        var environment = CompletionContext.BoundString(fakeBoundParameters, "Environment");
        return CompletionContext.Offer(fakeBoundParameters, project => project.State.Read(s => s.ReadActivities()
                .Where(a => matches(a.Id))
                .Where(a => environment is null || string.Equals(a.Environment, environment, StringComparison.OrdinalIgnoreCase))
                .Take(MaxResults)
                .ToList())
            .Select(a =>
            {
                var when = a.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                var outcome = a.Result?.ToString() ?? a.State.ToString();
                return new CompletionResult(a.Id, $"{a.Id} {a.Type} {a.Environment}".TrimEnd(), CompletionResultType.ParameterValue,
                    $"{a.Type} on {a.Environment ?? "the project"}, {when}, {outcome}: {a.Description}");
            }));
    }
}
