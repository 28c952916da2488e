using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;

namespace MagentoCloud.Engine.Reports;

/// <summary>
/// What the report page shows, gathered once: the project, its environments, the last activities,
/// the deploys of each environment with their steps, and the releases on each host.
/// </summary>
public sealed class ProjectReport
{
    /// <summary>How many deploys per environment the chart shows, newest last.</summary>
    public const int DeploysPerEnvironment = 40;

    /// <summary>How many stored activities are read to find deploys for the chart.</summary>
    public const int DeployScanLimit = 5000;

    /// <summary>How long the releases of one environment may take to read before the page gives up on its hosts.</summary>
    public static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(20);

    public string Title { get; init; } = "";

    public string ProjectId { get; init; } = "";

    public string Application { get; init; } = "";

    public string Infrastructure { get; init; } = "";

    public DateTimeOffset GeneratedAt { get; init; }

    public IReadOnlyList<CloudEnvironment> Environments { get; init; } = [];

    /// <summary>The last activities, newest first.</summary>
    public IReadOnlyList<CloudActivity> Activities { get; init; } = [];

    /// <summary>Deploy activities by environment, oldest first within each.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CloudActivity>> Deploys { get; init; } =
        new Dictionary<string, IReadOnlyList<CloudActivity>>();

    public IReadOnlyList<EnvironmentReleases> Releases { get; init; } = [];

    /// <summary>True for an activity that ran the deploy pipeline (a rollback only switches releases).</summary>
    public static bool IsDeploy(CloudActivity activity) =>
        activity.Type != ActivityType.Rollback && activity.Steps.Any(s => s.Name == DeployPipeline.Steps[0].Name);

    /// <summary>Reads everything the page needs: one state read for environments, one for activities, then each environment's hosts.</summary>
    public static async Task<ProjectReport> GatherAsync(Workspace workspace, int lastActivities, IOperationObserver observer, CancellationToken cancellationToken)
    {
        observer.Progress(new OperationProgress("Project report", "Reading the project state", 0));
        var project = workspace.Describe();
        var environments = workspace.Environments.List();
        var (activities, deploys) = workspace.State.Read(s =>
        {
            var recent = new List<CloudActivity>();
            var byEnvironment = new Dictionary<string, List<CloudActivity>>(StringComparer.OrdinalIgnoreCase);
            foreach (var activity in s.ReadActivities().Take(DeployScanLimit))
            {
                if (recent.Count < lastActivities) recent.Add(activity);
                if (activity.Environment is null || !IsDeploy(activity)) continue;
                if (!byEnvironment.TryGetValue(activity.Environment, out var list)) byEnvironment[activity.Environment] = list = [];
                if (list.Count < DeploysPerEnvironment) list.Add(activity);
            }
            return (recent, byEnvironment);
        });

        var releases = new List<EnvironmentReleases>();
        var live = environments.Where(e => e.Status != EnvironmentStatus.Inactive).ToList();
        for (var i = 0; i < live.Count; i++)
        {
            var environment = live[i];
            observer.Progress(new OperationProgress("Project report", $"Reading releases on {environment.Name}", 10 + 80 * i / Math.Max(1, live.Count)));
            releases.Add(await ReadReleasesAsync(workspace, environment.Name, cancellationToken).ConfigureAwait(false));
        }
        observer.Progress(new OperationProgress("Project report", "Done", 100) { Completed = true });

        return new ProjectReport
        {
            Title = project.Title,
            ProjectId = project.Id,
            Application = project.Application,
            Infrastructure = project.Infrastructure,
            GeneratedAt = DateTimeOffset.Now,
            Environments = environments,
            Activities = activities,
            Deploys = deploys.ToDictionary(d => d.Key, d => (IReadOnlyList<CloudActivity>)d.Value.AsEnumerable().Reverse().ToList(),
                StringComparer.OrdinalIgnoreCase),
            Releases = releases,
        };
    }

    /// <summary>Gathers the report and writes its page to <paramref name="path"/> (replaced whole, never half-written).</summary>
    public static async Task<CloudReport> WriteAsync(Workspace workspace, string path, int lastActivities, IOperationObserver observer, CancellationToken cancellationToken)
    {
        var report = await GatherAsync(workspace, lastActivities, observer, cancellationToken).ConfigureAwait(false);
        var html = ReportPage.Render(report);
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new CloudException(CloudErrorId.InvalidArgument,
                $"The folder '{folder}' does not exist. Create it first, or give -Path a file in an existing folder.", path);
        var temporary = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        await File.WriteAllTextAsync(temporary, html, new System.Text.UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, full, overwrite: true);
        return new CloudReport
        {
            Path = full,
            Project = report.Title,
            Environments = report.Environments.Count,
            Activities = report.Activities.Count,
            Deploys = report.Deploys.Values.Sum(d => d.Count),
            Unreachable = report.Releases.Count(r => r.Note is not null),
            Bytes = new FileInfo(full).Length,
            GeneratedAt = report.GeneratedAt,
        };
    }

    private static async Task<EnvironmentReleases> ReadReleasesAsync(Workspace workspace, string environment, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReleaseTimeout);
        try
        {
            var releases = await workspace.Deployments.GetReleasesAsync(environment, timeout.Token).ConfigureAwait(false);
            return new EnvironmentReleases(environment, releases, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new EnvironmentReleases(environment, [], $"Its hosts did not answer within {ReleaseTimeout.TotalSeconds:0} seconds.");
        }
        catch (Exception e) when (e is CloudException or IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            return new EnvironmentReleases(environment, [], e.Message);
        }
    }
}
