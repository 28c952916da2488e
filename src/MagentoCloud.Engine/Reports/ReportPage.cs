using System.Globalization;
using System.Text;
using MagentoCloud.Engine.Environments;

namespace MagentoCloud.Engine.Reports;

/// <summary>
/// The report as one self-contained HTML page: inline CSS and SVG, no scripts, no external assets,
/// so it opens anywhere and travels as a mail attachment. Every text from the state is encoded.
/// </summary>
public static class ReportPage
{
    private const string Style = """
        :root { --fg:#1f2933; --muted:#616e7c; --line:#d9e2ec; --bg:#f5f7fa; --card:#fff; --ok:#2f8132; --bad:#c62828; --warn:#b7791f; }
        * { box-sizing: border-box; }
        body { margin:0; font:14px/1.45 -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color:var(--fg); background:var(--bg); }
        header { padding:20px 32px; background:#243b53; color:#fff; }
        header h1 { margin:0 0 4px; font-size:22px; }
        header p { margin:0; color:#bcccdc; }
        main { padding:8px 32px 32px; max-width:1400px; }
        section { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:16px 20px; margin-top:20px; }
        h2 { margin:0 0 12px; font-size:17px; }
        h3 { margin:18px 0 6px; font-size:15px; }
        .summary { display:flex; gap:12px; flex-wrap:wrap; margin-top:20px; }
        .summary div { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:10px 16px; min-width:140px; }
        .summary b { display:block; font-size:22px; }
        .summary span { color:var(--muted); }
        ul.tree, ul.tree ul { list-style:none; margin:0; padding-left:22px; }
        ul.tree { padding-left:0; }
        ul.tree ul { border-left:1px dashed #9fb3c8; margin-left:8px; }
        ul.tree li { margin:6px 0; }
        .env { display:inline-flex; gap:10px; align-items:baseline; flex-wrap:wrap; padding:4px 10px; border:1px solid var(--line); border-radius:6px; background:#fbfcfd; }
        .env .name { font-weight:600; }
        .muted { color:var(--muted); }
        .badge { display:inline-block; padding:0 7px; border-radius:9px; font-size:12px; font-weight:600; background:#e4e7eb; color:#323f4b; }
        .badge.Active, .badge.Success { background:#e3f9e5; color:var(--ok); }
        .badge.Inactive { background:#e4e7eb; color:var(--muted); }
        .badge.Dirty, .badge.InProgress, .badge.Pending { background:#fffbea; color:var(--warn); }
        .badge.Deleting, .badge.Failure, .badge.Cancelled { background:#ffeeee; color:var(--bad); }
        .badge.Production { background:#ffe3e3; color:#8a1c1c; }
        .badge.Staging { background:#fff3c4; color:#8d5b00; }
        .badge.Development { background:#dceefb; color:#0b4f8a; }
        code { font:12px/1.4 "DejaVu Sans Mono", Menlo, Consolas, monospace; background:#f0f4f8; padding:1px 4px; border-radius:3px; }
        table { border-collapse:collapse; width:100%; }
        th, td { text-align:left; padding:5px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
        th { font-size:12px; text-transform:uppercase; letter-spacing:.03em; color:var(--muted); }
        td.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
        .legend { display:flex; flex-wrap:wrap; gap:4px 14px; margin:4px 0 8px; font-size:12px; }
        .legend span { display:inline-flex; align-items:center; gap:5px; }
        .charts { display:flex; flex-wrap:wrap; gap:8px 28px; align-items:flex-start; }
        .chart { overflow-x:auto; max-width:100%; }
        .chart h3 { margin-top:10px; }
        svg.deploy-chart { font:11px "DejaVu Sans", sans-serif; }
        svg.deploy-chart .grid { stroke:#e4e7eb; }
        svg.deploy-chart .axis { stroke:#7b8794; }
        svg.deploy-chart .tick { fill:#616e7c; }
        svg.deploy-chart .axis-label { fill:#323f4b; font-weight:600; }
        svg.deploy-chart .failed rect { stroke:var(--bad); stroke-width:1; }
        svg.deploy-chart .failed-mark { fill:var(--bad); font-weight:700; }
        .note { border-left:4px solid var(--warn); background:#fffbea; padding:6px 10px; margin:6px 0; }
        footer { color:var(--muted); padding:16px 32px; font-size:12px; }
        """;

    public static string Render(ProjectReport report)
    {
        var page = new StringBuilder(64 * 1024);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        page.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        page.Append("<title>").Append(E(report.Title)).Append(" — project report</title>");
        page.Append("<style>").Append(Style).Append("</style></head><body>");
        page.Append("<header><h1>").Append(E(report.Title)).Append("</h1><p>");
        page.Append("Application ").Append(E(report.Application)).Append(" · ").Append(E(report.Infrastructure)).Append(" infrastructure · project ")
            .Append(E(report.ProjectId)).Append(" · generated ").Append(E(Time(report.GeneratedAt))).Append("</p></header><main>");

        Summary(page, report);
        Tree(page, report);
        Activities(page, report);
        Chart(page, report);
        Releases(page, report);

        page.Append("</main><footer>Written by Export-CloudReport. Times are local to the machine that wrote the page.</footer></body></html>\n");
        return page.ToString();
    }

    private static void Summary(StringBuilder page, ProjectReport report)
    {
        var deploys = report.Deploys.Values.SelectMany(d => d).ToList();
        var failed = deploys.Count(d => d.Result != ActivityResult.Success);
        page.Append("<div class=\"summary\">");
        Card(page, report.Environments.Count.ToString(CultureInfo.InvariantCulture), "environments");
        Card(page, report.Environments.Count(e => e.Status != EnvironmentStatus.Inactive).ToString(CultureInfo.InvariantCulture), "active");
        Card(page, deploys.Count.ToString(CultureInfo.InvariantCulture), "deploys charted");
        Card(page, failed.ToString(CultureInfo.InvariantCulture), "failed deploys");
        page.Append("</div>");
    }

    private static void Card(StringBuilder page, string value, string label) =>
        page.Append("<div><b>").Append(E(value)).Append("</b><span>").Append(E(label)).Append("</span></div>");

    private static void Tree(StringBuilder page, ProjectReport report)
    {
        page.Append("<section id=\"environments\"><h2>Environments</h2>");
        var names = report.Environments.Select(e => e.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var children = report.Environments
            .GroupBy(e => e.Parent is not null && names.Contains(e.Parent) ? e.Parent : "", StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => Rank(e.Type)).ThenBy(e => e.Name, StringComparer.Ordinal).ToList(), StringComparer.OrdinalIgnoreCase);
        var shown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        page.Append("<ul class=\"tree\">");
        foreach (var root in children.GetValueOrDefault("") ?? [])
            Branch(page, report, root, children, shown);
        // Environments caught in a parent cycle have no root above them; show them rather than lose them.
        foreach (var rest in report.Environments.Where(e => !shown.Contains(e.Name)))
            Branch(page, report, rest, children, shown);
        page.Append("</ul></section>");
    }

    private static void Branch(StringBuilder page, ProjectReport report, CloudEnvironment environment,
        Dictionary<string, List<CloudEnvironment>> children, HashSet<string> shown)
    {
        if (!shown.Add(environment.Name)) return;
        page.Append("<li class=\"environment\" data-environment=\"").Append(E(environment.Name)).Append("\"><span class=\"env\">");
        page.Append("<span class=\"name\">").Append(E(environment.Name)).Append("</span>");
        if (!string.IsNullOrEmpty(environment.Title) && !string.Equals(environment.Title, environment.Name, StringComparison.OrdinalIgnoreCase))
            page.Append("<span class=\"muted\">").Append(E(environment.Title)).Append("</span>");
        page.Append("<span class=\"badge ").Append(E(environment.Type.ToString())).Append("\">").Append(E(environment.Type.ToString())).Append("</span>");
        page.Append("<span class=\"badge ").Append(E(environment.Status.ToString())).Append("\">").Append(E(environment.Status.ToString())).Append("</span>");
        if (environment.DeployedCommit is { } commit)
        {
            page.Append("<span>deployed <code>").Append(E(Short(commit))).Append("</code> <span class=\"muted\" title=\"")
                .Append(E(environment.DeployedAt is { } at ? Time(at) : "")).Append("\">")
                .Append(E(environment.DeployedAt is { } when ? Age(report.GeneratedAt - when) : "")).Append("</span></span>");
            if (environment.HeadCommit is { } head && head != commit)
                page.Append("<span class=\"muted\">branch head <code>").Append(E(Short(head))).Append("</code> not deployed</span>");
        }
        else
        {
            page.Append("<span class=\"muted\">never deployed</span>");
        }
        // Where it answers: its routes' URLs, else the topology's address (text: the page links to nothing).
        foreach (var url in environment.Urls.Count > 0 ? environment.Urls : environment.Url is { } only ? [only] : [])
            page.Append("<span class=\"muted\">").Append(E(url)).Append("</span>");
        page.Append("</span>");
        if (children.TryGetValue(environment.Name, out var list) && list.Count > 0)
        {
            page.Append("<ul>");
            foreach (var child in list) Branch(page, report, child, children, shown);
            page.Append("</ul>");
        }
        page.Append("</li>");
    }

    private static void Activities(StringBuilder page, ProjectReport report)
    {
        page.Append("<section id=\"activities\"><h2>Last activities</h2>");
        if (report.Activities.Count == 0)
        {
            page.Append("<p class=\"muted\">No activities yet.</p></section>");
            return;
        }
        page.Append("<table class=\"activities\"><thead><tr><th>Started</th><th>Type</th><th>Environment</th><th>Result</th><th>Duration</th><th>Description</th><th>Id</th></tr></thead><tbody>");
        foreach (var a in report.Activities)
        {
            var outcome = a.State == ActivityState.Complete && a.Result is { } r ? r.ToString() : a.State.ToString();
            page.Append("<tr class=\"activity\"><td>").Append(E(Time(a.StartedAt ?? a.CreatedAt))).Append("</td>");
            page.Append("<td>").Append(E(a.Type)).Append("</td>");
            page.Append("<td>").Append(E(a.Environment ?? "")).Append("</td>");
            page.Append("<td><span class=\"badge ").Append(E(outcome)).Append("\">").Append(E(outcome)).Append("</span></td>");
            page.Append("<td class=\"num\">").Append(E(a.Duration is { } d ? DeployChart.FormatSeconds(d.TotalSeconds) : "running")).Append("</td>");
            page.Append("<td>").Append(E(a.Description)).Append("</td>");
            page.Append("<td><code>").Append(E(a.Id)).Append("</code></td></tr>");
        }
        page.Append("</tbody></table></section>");
    }

    private static void Chart(StringBuilder page, ProjectReport report)
    {
        page.Append("<section id=\"deploys\"><h2>Deploy durations, step by step</h2>");
        var all = report.Deploys.Values.SelectMany(d => d).ToList();
        if (all.Count == 0)
        {
            page.Append("<p class=\"muted\">No deploys yet.</p></section>");
            return;
        }
        var steps = DeployChart.StepNames(all);
        var used = all.SelectMany(d => d.Steps).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        page.Append("<p class=\"muted\">One bar per deploy, oldest on the left; each segment is a step of the deploy. A red outline and ✗ mark a failed deploy. Hover a bar for its steps.</p>");
        page.Append("<div class=\"legend\">");
        foreach (var step in steps.Where(used.Contains))
            page.Append("<span>").Append(DeployChart.Swatch(DeployChart.Colour(steps, step))).Append(E(step)).Append("</span>");
        page.Append("</div><div class=\"charts\">");
        var order = report.Environments.Select((e, i) => (e.Name, Rank: Rank(e.Type) * 1000 + i)).ToDictionary(x => x.Name, x => x.Rank, StringComparer.OrdinalIgnoreCase);
        foreach (var (environment, deploys) in report.Deploys.OrderBy(d => order.GetValueOrDefault(d.Key, int.MaxValue)).ThenBy(d => d.Key, StringComparer.Ordinal))
        {
            var failed = deploys.Count(d => d.Result != ActivityResult.Success);
            page.Append("<div class=\"chart\"><h3>").Append(E(environment)).Append(" <span class=\"muted\">")
                .Append(E(string.Create(CultureInfo.InvariantCulture, $"{deploys.Count} deploy{(deploys.Count == 1 ? "" : "s")}{(failed > 0 ? $", {failed} failed" : "")}")))
                .Append("</span></h3>");
            page.Append(DeployChart.Render(environment, deploys, steps));
            page.Append("</div>");
        }
        page.Append("</div></section>");
    }

    private static void Releases(StringBuilder page, ProjectReport report)
    {
        page.Append("<section id=\"releases\"><h2>Releases per host</h2>");
        if (report.Releases.Count == 0) page.Append("<p class=\"muted\">No active environments.</p>");
        foreach (var environment in report.Releases)
        {
            page.Append("<h3>").Append(E(environment.Environment)).Append("</h3>");
            if (environment.Note is { } note)
            {
                page.Append("<p class=\"note\">The releases on this environment's hosts could not be read: ").Append(E(note)).Append("</p>");
                continue;
            }
            if (environment.Releases.Count == 0)
            {
                page.Append("<p class=\"muted\">No releases yet: deploy it with Invoke-CloudDeploy.</p>");
                continue;
            }
            page.Append("<table class=\"releases\"><thead><tr><th>Host</th><th>Release</th><th>Commit</th><th>Created</th><th>State</th></tr></thead><tbody>");
            foreach (var release in environment.Releases)
            {
                var state = release.IsCurrent ? "<span class=\"badge Active\">current</span>" : release.IsBad ? "<span class=\"badge Failure\">bad</span>" : "";
                page.Append("<tr class=\"release\"><td>").Append(E(release.Host)).Append("</td><td><code>").Append(E(release.Id)).Append("</code></td>");
                page.Append("<td><code>").Append(E(Short(release.Commit))).Append("</code></td><td>").Append(E(Time(release.CreatedAt)))
                    .Append(" <span class=\"muted\">").Append(E(Age(report.GeneratedAt - release.CreatedAt))).Append("</span></td>");
                page.Append("<td>").Append(state).Append("</td></tr>");
            }
            page.Append("</tbody></table>");
        }
        page.Append("</section>");
    }

    private static int Rank(EnvironmentType type) => type switch
    {
        EnvironmentType.Production => 0,
        EnvironmentType.Staging => 1,
        _ => 2,
    };

    private static string E(string? text) => Html.Encode(text);

    private static string Short(string commit) => commit[..Math.Min(12, commit.Length)];

    private static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"3 minutes ago", as a person reads an age.</summary>
    internal static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero) age = TimeSpan.Zero;
        static string Unit(int n, string unit) => string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? "" : "s")} ago");
        return age.TotalMinutes < 1 ? "just now"
            : age.TotalHours < 1 ? Unit((int)age.TotalMinutes, "minute")
            : age.TotalDays < 1 ? Unit((int)age.TotalHours, "hour")
            : age.TotalDays < 60 ? Unit((int)age.TotalDays, "day")
            : Unit((int)(age.TotalDays / 30), "month");
    }
}
