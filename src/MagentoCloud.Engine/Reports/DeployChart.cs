using System.Globalization;
using System.Text;
using MagentoCloud.Engine.Deploy;
using MagentoCloud.Engine.Environments;

namespace MagentoCloud.Engine.Reports;

/// <summary>
/// An environment's deploys as inline SVG: one stacked bar per deploy (a <c>g.deploy</c>), one
/// segment per step, seconds on the y axis, deploy times on the x axis. Colours are the step's
/// place in the deploy pipeline, so the same step has the same colour in every chart and the legend.
/// </summary>
public static class DeployChart
{
    private const int Left = 52, Right = 12, Top = 14, Bottom = 84, PlotHeight = 180, Slot = 30, BarWidth = 20;

    private static readonly string[] Palette =
    [
        "#4e79a7", "#a0cbe8", "#f28e2b", "#ffbe7d", "#59a14f", "#8cd17d", "#b6992d",
        "#f1ce63", "#499894", "#86bcb6", "#e15759", "#ff9d9a", "#79706e", "#bab0ac", "#d37295", "#b07aa1",
        "#9d7660", "#d7b5a6", "#17becf", "#9edae5", "#bcbd22", "#dbdb8d", "#7f7f7f", "#c7c7c7",
    ];

    /// <summary>The steps a legend shows: the pipeline's, then any other seen in <paramref name="deploys"/>.</summary>
    public static IReadOnlyList<string> StepNames(IEnumerable<CloudActivity> deploys)
    {
        var names = DeployPipeline.Steps.Select(s => s.Name).ToList();
        foreach (var step in deploys.SelectMany(d => d.Steps))
            if (!names.Contains(step.Name)) names.Add(step.Name);
        return names;
    }

    public static string Colour(IReadOnlyList<string> stepNames, string step)
    {
        var index = Math.Max(0, stepNames.ToList().IndexOf(step));
        return Palette[index % Palette.Length];
    }

    /// <summary>The SVG of one environment's deploys, oldest left.</summary>
    public static string Render(string environment, IReadOnlyList<CloudActivity> deploys, IReadOnlyList<string> stepNames)
    {
        var seconds = deploys.Select(Total).DefaultIfEmpty(0).Max();
        var (top, tick) = Scale(seconds);
        var width = Left + Right + Math.Max(8, deploys.Count) * Slot;
        var height = Top + PlotHeight + Bottom;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg class=\"deploy-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"Deploy durations on {Html.Encode(environment)}\">"));

        // Grid and y axis: seconds.
        for (var value = 0.0; value <= top + tick / 2; value += tick)
        {
            var y = Top + PlotHeight - value / top * PlotHeight;
            svg.Append(Invariant($"<line class=\"grid\" x1=\"{Left}\" x2=\"{width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"/>"));
            svg.Append(Invariant($"<text class=\"tick\" x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{FormatSeconds(value)}</text>"));
        }
        svg.Append(Invariant($"<text class=\"axis-label\" transform=\"translate(12 {Top + PlotHeight / 2}) rotate(-90)\" text-anchor=\"middle\">seconds</text>"));
        svg.Append(Invariant($"<line class=\"axis\" x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Top + PlotHeight}\"/>"));
        svg.Append(Invariant($"<line class=\"axis\" x1=\"{Left}\" x2=\"{width - Right}\" y1=\"{Top + PlotHeight}\" y2=\"{Top + PlotHeight}\"/>"));

        // Label every bar while they fit; thin the labels out when there are many.
        var labelEvery = Math.Max(1, (int)Math.Ceiling(deploys.Count / 20.0));
        for (var i = 0; i < deploys.Count; i++)
        {
            var deploy = deploys[i];
            var x = Left + i * Slot + (Slot - BarWidth) / 2.0;
            var failed = deploy.Result != ActivityResult.Success;
            svg.Append(Invariant($"<g class=\"deploy{(failed ? " failed" : "")}\" data-activity=\"{Html.Encode(deploy.Id)}\">"));
            svg.Append("<title>").Append(Html.Encode(Tooltip(deploy))).Append("</title>");
            var y = (double)(Top + PlotHeight);
            foreach (var step in deploy.Steps)
            {
                var h = step.Duration.TotalSeconds / top * PlotHeight;
                if (h <= 0) continue;
                y -= h;
                svg.Append(Invariant($"<rect class=\"step\" x=\"{x:0.#}\" y=\"{y:0.##}\" width=\"{BarWidth}\" height=\"{h:0.##}\" fill=\"{Colour(stepNames, step.Name)}\">"));
                svg.Append("<title>").Append(Html.Encode(Invariant($"{step.Name}: {FormatSeconds(step.Duration.TotalSeconds)}{(step.Result == ActivityResult.Success ? "" : " (failed)")}"))).Append("</title></rect>");
            }
            if (failed)
                svg.Append(Invariant($"<text class=\"failed-mark\" x=\"{x + BarWidth / 2.0:0.#}\" y=\"{y - 3:0.#}\" text-anchor=\"middle\">✗</text>"));
            if (i % labelEvery == 0)
            {
                var when = (deploy.StartedAt ?? deploy.CreatedAt).ToLocalTime().ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
                var lx = x + BarWidth / 2.0;
                var ly = Top + PlotHeight + 12;
                svg.Append(Invariant($"<text class=\"tick\" transform=\"translate({lx:0.#} {ly}) rotate(-55)\" text-anchor=\"end\">{when}</text>"));
            }
            svg.Append("</g>");
        }
        svg.Append(Invariant($"<text class=\"axis-label\" x=\"{Left + (width - Left - Right) / 2}\" y=\"{height - 4}\" text-anchor=\"middle\">deploy started (local time)</text>"));
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>A legend swatch as inline SVG.</summary>
    public static string Swatch(string colour) =>
        $"<svg class=\"swatch\" width=\"12\" height=\"12\" viewBox=\"0 0 12 12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" rx=\"2\" fill=\"{colour}\"/></svg>";

    private static double Total(CloudActivity deploy) => deploy.Steps.Sum(s => s.Duration.TotalSeconds);

    private static string Tooltip(CloudActivity deploy)
    {
        var lines = new List<string>
        {
            Invariant($"{deploy.Description} — {deploy.Result?.ToString() ?? deploy.State.ToString()}, {FormatSeconds(Total(deploy))}"),
            Invariant($"{deploy.Id} ({deploy.Type})"),
        };
        lines.AddRange(deploy.Steps.Select(s => Invariant($"{s.Name}: {FormatSeconds(s.Duration.TotalSeconds)}")));
        return string.Join("\n", lines);
    }

    /// <summary>A top of the y axis a little above the longest bar, in round ticks.</summary>
    private static (double Top, double Tick) Scale(double max)
    {
        if (max <= 0) return (1, 0.25);
        var rough = max / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var tick = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(t => t >= rough);
        return (Math.Ceiling(max / tick) * tick, tick);
    }

    internal static string FormatSeconds(double seconds) =>
        seconds >= 100 ? Invariant($"{seconds:0}s") : seconds >= 10 ? Invariant($"{seconds:0.#}s") : seconds >= 1 ? Invariant($"{seconds:0.##}s") : Invariant($"{seconds:0.###}s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
