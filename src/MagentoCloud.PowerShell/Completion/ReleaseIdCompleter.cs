using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace MagentoCloud.PowerShell.Completion;

/// <summary>
/// Completes release ids of the environment named on the command line (-Environment), newest
/// first, with commit, age and which hosts have it live in the tooltip. Gives up after a few
/// seconds rather than hang the prompt on an unreachable host.
/// </summary>
public sealed class ReleaseIdCompleter : IArgumentCompleter
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var environment = CompletionContext.BoundString(fakeBoundParameters, "Environment");
        if (environment is null) return [];
        var matches = CompletionContext.Matcher(wordToComplete);
        return CompletionContext.Offer(fakeBoundParameters, project =>
        {
            using var timeout = new CancellationTokenSource(Timeout);
            var releases = Task.Run(() => project.Deployments.GetReleasesAsync(environment, timeout.Token)).GetAwaiter().GetResult();
            return releases
                .GroupBy(r => r.Id)
                .Select(g => (Id: g.Key, First: g.First(), LiveOn: g.Where(r => r.IsCurrent).Select(r => r.Host).ToList()))
                .Where(r => matches(r.Id))
                .OrderByDescending(r => r.First.CreatedAt)
                .Select(r => new CompletionResult(
                    CompletionContext.Quote(r.Id),
                    r.Id + (r.LiveOn.Count > 0 ? " (current)" : r.First.IsBad ? " (bad)" : ""),
                    CompletionResultType.ParameterValue,
                    $"commit {r.First.Commit[..Math.Min(12, r.First.Commit.Length)]}, " +
                    $"{r.First.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}" +
                    (r.LiveOn.Count > 0 ? $", live on {string.Join(", ", r.LiveOn)}" : "") +
                    (r.First.IsBad ? ", marked bad by a rollback" : "")))
                .ToList();
        });
    }
}
