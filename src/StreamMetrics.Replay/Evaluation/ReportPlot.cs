using ScottPlot;
using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Replay.Evaluation;

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
        DrawFrontier(multiplot.GetPlot(0), result.Report);
        for (var i = 0; i < result.PoolFunctions.Count; i++)
            DrawPool(multiplot.GetPlot(i + 1), result, result.PoolFunctions[i]);
        multiplot.SavePng(path, width, height);
    }

    private static void DrawFrontier(Plot plot, EvaluationReport report)
    {
        var frontier = report.Frontier["predictive"];
        var line = plot.Add.Scatter(
            frontier.Select(p => p.InstanceSeconds / 3600).ToArray(),
            frontier.Select(p => p.ColdStartRate * 100).ToArray());
        line.LegendText = "predictive frontier (headroom)";
        foreach (var point in frontier)
            plot.Add.Text(point.Setting.ToString(System.Globalization.CultureInfo.InvariantCulture), point.InstanceSeconds / 3600, point.ColdStartRate * 100);
        foreach (var (name, policy) in report.Policies)
        {
            var marker = plot.Add.Marker(policy.InstanceSeconds / 3600, policy.ColdStartRate * 100);
            marker.LegendText = name;
            marker.Size = 12;
        }
        plot.Title("Cold starts vs cost per policy");
        plot.XLabel("instance-hours");
        plot.YLabel("cold-start rate (%)");
        // Upper left: the oracle sits bottom left, and costlier policies further right.
        plot.ShowLegend(Alignment.UpperLeft);
    }

    private static void DrawPool(Plot plot, EvaluationResult result, string function)
    {
        foreach (var outcome in result.Outcomes.Where(o => result.Report.Policies.ContainsKey(o.Name)))
        {
            if (!outcome.PoolPerMinute.TryGetValue(function, out var pool))
                continue;
            var line = plot.Add.Scatter(Enumerable.Range(0, pool.Length).Select(m => m / 60.0).ToArray(), pool.Select(v => (double)v).ToArray());
            line.LegendText = outcome.Name;
            line.MarkerSize = 0;
        }
        plot.Title($"Instances alive, function {function}");
        plot.XLabel("hour of day");
        plot.YLabel("instances");
        plot.ShowLegend();
    }
}
