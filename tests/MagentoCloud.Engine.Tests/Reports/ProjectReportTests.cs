using System.Text.RegularExpressions;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;
using MagentoCloud.Engine.Project;
using MagentoCloud.Engine.Reports;

namespace MagentoCloud.Engine.Tests.Reports;

/// <summary>A project made from the template, a branch with a hostile title, and deploys on three environments.</summary>
public sealed class ReportProjectFixture : IAsyncLifetime
{
    public const string HostileTitle = "<script>document.title='pwned'</script>\"'><img src=x onerror=alert(1)>";

    public string Folder { get; } = Directory.CreateTempSubdirectory("mc-report-").FullName;

    public Workspace Workspace { get; private set; } = null!;

    /// <summary>Deploys made, per environment.</summary>
    public Dictionary<string, int> Deploys { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        Workspace = await Workspace.CreateAsync(Path.Combine(Folder, "shop"), "Shop", SilentObserver.Instance, CancellationToken.None);
        // Titles set elsewhere (another tool, a hand edit of the state) are not held to New-CloudProject's rules.
        await Workspace.State.UpdateAsync("title", s => { s.Project!.Title = "Shop & Co <b>"; }, CancellationToken.None);
        await Workspace.Environments.BranchAsync("sprint-1", title: HostileTitle);
        await Workspace.Activities.RecordAsync(ActivityType.Update, "sprint-1", "</td></tr></table><h1>injected</h1>", _ => [], CancellationToken.None);
        foreach (var (environment, count) in new[] { ("master", 3), ("staging", 2), ("production", 1), ("sprint-1", 1) })
        {
            for (var i = 0; i < count; i++)
                await Workspace.Deployments.DeployAsync(environment, null, SilentObserver.Instance, CancellationToken.None);
            Deploys[environment] = count;
        }
    }

    public async Task DisposeAsync()
    {
        // Deploys of the template's app (a mysql relationship) started the project's private MariaDB.
        // Its MariaDB, nginx and PHP-FPM: they outlive the test on purpose, so it stops what it caused.
        await Workspace.LocalRuntime.StopAsync(SilentObserver.Instance, CancellationToken.None);
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public sealed class ProjectReportTests(ReportProjectFixture project) : IClassFixture<ReportProjectFixture>
{
    private string NewPath() => Path.Combine(project.Folder, $"report-{Guid.NewGuid():N}.html");

    [Fact]
    public async Task Report_counts_what_the_page_shows()
    {
        var path = NewPath();
        var report = await ProjectReport.WriteAsync(project.Workspace, path, 5, SilentObserver.Instance, CancellationToken.None);

        Assert.Equal(path, report.Path);
        Assert.Equal(4, report.Environments);
        Assert.Equal(5, report.Activities);
        Assert.Equal(project.Deploys.Values.Sum(), report.Deploys);
        Assert.Equal(0, report.Unreachable);
        Assert.Equal(new FileInfo(path).Length, report.Bytes);
    }

    [Fact]
    public async Task Page_is_self_contained_and_encodes_hostile_text_from_the_state()
    {
        var path = NewPath();
        await ProjectReport.WriteAsync(project.Workspace, path, 50, SilentObserver.Instance, CancellationToken.None);
        var html = await File.ReadAllTextAsync(path);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<h1>injected", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Shop & Co <b>", html);
        Assert.Contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;", html);
        Assert.Contains("Shop &amp; Co &lt;b&gt;", html);
        // No external assets: nothing is fetched from anywhere.
        Assert.DoesNotMatch(new Regex(@"<[^>]*\s(src|href)\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("url(", html);
        Assert.DoesNotContain("@import", html);
    }

    [Fact]
    public async Task Page_renders_in_chromium_with_the_tree_the_activities_and_one_bar_per_deploy()
    {
        var path = NewPath();
        await ProjectReport.WriteAsync(project.Workspace, path, 8, SilentObserver.Instance, CancellationToken.None);

        var dom = HeadlessChromium.DumpDom(path);

        // The tree: production, then staging under it, master under staging, sprint-1 under master.
        var tree = Regex.Match(dom, "<section id=\"environments\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.Equal(4, Regex.Matches(tree, "<li class=\"environment\"").Count);
        Assert.Matches(new Regex("<ul class=\"tree\"><li class=\"environment\" data-environment=\"production\">(?:(?!</li>).)*<ul><li class=\"environment\" data-environment=\"staging\">(?:(?!</li>).)*<ul><li class=\"environment\" data-environment=\"master\">(?:(?!</li>).)*<ul><li class=\"environment\" data-environment=\"sprint-1\">", RegexOptions.Singleline), tree);
        // The activities table: the rows asked for.
        Assert.Equal(8, Regex.Matches(dom, "<tr class=\"activity\">").Count);
        // The chart: one bar group per deploy, in each environment's chart.
        Assert.Equal(project.Deploys.Values.Sum(), Regex.Matches(dom, "<g class=\"deploy( failed)?\"").Count);
        foreach (var (environment, count) in project.Deploys)
        {
            var chart = Regex.Match(dom, $"aria-label=\"Deploy durations on {environment}\".*?</svg>", RegexOptions.Singleline).Value;
            Assert.Equal(count, Regex.Matches(chart, "<g class=\"deploy").Count);
            Assert.True(Regex.Matches(chart, "<rect class=\"step\"").Count >= count, $"{environment}: each bar has segments");
        }
        // The browser ran no script of the state's: the title is the page's own.
        Assert.Contains("<title>Shop &amp; Co &lt;b&gt; — project report</title>", dom);
        // Releases: master keeps its three releases, one current.
        var releases = Regex.Match(dom, "<section id=\"releases\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.Equal(project.Deploys.Values.Sum(), Regex.Matches(releases, "<tr class=\"release\">").Count);
        Assert.Equal(4, Regex.Matches(releases, ">current<").Count);
    }

    [Fact]
    public async Task An_environment_whose_hosts_cannot_be_reached_gets_a_note_not_a_failure()
    {
        // Staging moves to hosts this version cannot reach; its releases become a note.
        var topology = Path.Combine(project.Workspace.Root, ".magento", "topology.yaml");
        var copy = await Workspace.CreateAsync(Path.Combine(project.Folder, "moved-" + Guid.NewGuid().ToString("N")[..6]), "Moved", SilentObserver.Instance, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(copy.Root, ".magento", "topology.yaml"), """
            environments:
              staging:
                hosts: ["deploy@192.0.2.10:22"]
                root: /srv/{environment}
            """);
        var reopened = Workspace.Open(copy.Root);
        var path = Path.Combine(copy.Root, "report.html");
        var report = await ProjectReport.WriteAsync(reopened, path, 10, SilentObserver.Instance, CancellationToken.None);

        Assert.Equal(1, report.Unreachable);
        var html = await File.ReadAllTextAsync(path);
        Assert.Matches(new Regex("<h3>staging</h3><p class=\"note\">The releases on this environment's hosts could not be read: [^<]+</p>"), html);
        Assert.False(File.Exists(topology));
    }

    [Fact]
    public void Deploy_chart_has_a_legend_colour_for_every_pipeline_step_and_axis_labels()
    {
        var start = DateTimeOffset.Now;
        var deploys = Enumerable.Range(0, 3).Select(i => new CloudActivity
        {
            Id = ActivityId.New(start.AddMinutes(i)),
            Type = ActivityType.Redeploy,
            Environment = "master",
            State = ActivityState.Complete,
            Result = i == 1 ? ActivityResult.Failure : ActivityResult.Success,
            StartedAt = start.AddMinutes(i),
            Steps = DeployPipeline.Steps.Select(s => new CloudActivityStep { Name = s.Name, Duration = TimeSpan.FromMilliseconds(100 * (i + 1)), Result = ActivityResult.Success }).ToList(),
        }).ToList();
        var names = DeployChart.StepNames(deploys);
        var svg = DeployChart.Render("master", deploys, names);

        Assert.Equal(DeployPipeline.Steps.Count, names.Distinct().Count());
        Assert.Equal(names.Count, names.Select(n => DeployChart.Colour(names, n)).Distinct().Count());
        Assert.Equal(3, Regex.Matches(svg, "<g class=\"deploy").Count);
        Assert.Single(Regex.Matches(svg, "<g class=\"deploy failed\""));
        Assert.Contains(">seconds</text>", svg);
        Assert.Contains(">deploy started (local time)</text>", svg);
        Assert.Equal(3 * DeployPipeline.Steps.Count, Regex.Matches(svg, "<rect class=\"step\"").Count);
    }
}
