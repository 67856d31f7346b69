using ScottPlot;
using StreamMetrics.Replay.Evaluation;

namespace StreamMetrics.Cli.Presentation;

/// <summary>
/// The evaluation picture: on top, cold-start rate against instance-hours, one marker per policy and the predictive
/// frontier as a line (the Pareto picture of "Serverless in the Wild"); below, instances alive per minute for the
/// busiest functions under each policy.
/// </summary>
public static class ReportPlot
{
    public static void Save(EvaluationResult result, string path, int width = 1400, int height = 1000)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(1 + result.PoolFunctions.Count);
        var colors = PolicyColors(result.Report);
        DrawFrontier(multiplot.GetPlot(0), result.Report, colors);
        for (var i = 0; i < result.PoolFunctions.Count; i++)
            DrawPool(multiplot.GetPlot(i + 1), result, result.PoolFunctions[i], colors);
        multiplot.SavePng(path, width, height);
    }

    /// <summary>One colour per policy in every panel, so a line below is read by the marker above.</summary>
    private static Dictionary<string, Color> PolicyColors(EvaluationReport report)
    {
        var palette = new ScottPlot.Palettes.Category10();
        return report.Policies.Keys.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => palette.GetColor(p.i));
    }

    private static void DrawFrontier(Plot plot, EvaluationReport report, Dictionary<string, Color> colors)
    {
        var frontier = report.Frontier["predictive"];
        var line = plot.Add.Scatter(
            frontier.Select(p => p.InstanceSeconds / 3600).ToArray(),
            frontier.Select(p => p.ColdStartRate * 100).ToArray());
        line.LegendText = "predictive frontier (headroom)";
        if (colors.TryGetValue("predictive", out var predictive))
            line.Color = predictive;
        foreach (var point in frontier)
            plot.Add.Text(point.Setting.ToString(System.Globalization.CultureInfo.InvariantCulture), point.InstanceSeconds / 3600, point.ColdStartRate * 100);
        foreach (var (name, policy) in report.Policies)
        {
            var marker = plot.Add.Marker(policy.InstanceSeconds / 3600, policy.ColdStartRate * 100);
            marker.LegendText = name;
            marker.Size = 12;
            marker.Color = colors[name];
        }
        plot.Title("Cold starts vs cost per policy");
        plot.XLabel("instance-hours");
        plot.YLabel("cold-start rate (%)");
        // Beside the axes: inside, any corner hides a policy (the oracle bottom left, hybrid and the frontier's generous
        // end on the right).
        plot.ShowLegend(Edge.Right);
    }

    private static void DrawPool(Plot plot, EvaluationResult result, string function, Dictionary<string, Color> colors)
    {
        foreach (var outcome in result.Outcomes.Where(o => result.Report.Policies.ContainsKey(o.Name)))
        {
            if (!outcome.PoolPerMinute.TryGetValue(function, out var pool))
                continue;
            var line = plot.Add.Scatter(Enumerable.Range(0, pool.Length).Select(m => m / 60.0).ToArray(), pool.Select(v => (double)v).ToArray());
            line.LegendText = outcome.Name;
            line.MarkerSize = 0;
            line.Color = colors[outcome.Name];
        }
        plot.Title($"Instances alive, function {function}");
        plot.XLabel("hour of day");
        plot.YLabel("instances");
        plot.ShowLegend(Edge.Right); // inside, it would hide the day's last hours
    }
}
