using ScottPlot;
using StreamMetrics.Replay.Forecasting;

namespace StreamMetrics.Cli.Presentation;

/// <summary>Draws actual counts against forecasts with their bounds, one panel per traced function.</summary>
public static class ForecastPlot
{
    public static void SavePng(IReadOnlyList<ForecastTrace> traces, string path, int width = 1400, int heightPerPanel = 320)
    {
        if (traces.Count == 0)
            throw new ArgumentException("no traced functions to plot", nameof(traces));
        var multiplot = new Multiplot();
        foreach (var trace in traces)
        {
            var plot = new Plot();
            var minutes = Enumerable.Range(trace.FirstBucket + 1, trace.Actual.Length).Select(m => (double)m).ToArray();
            var band = plot.Add.FillY(minutes, trace.Lower, trace.Upper);
            band.FillColor = Colors.SteelBlue.WithAlpha(0.25);
            band.LegendText = "bounds";
            var actual = plot.Add.ScatterLine(minutes, trace.Actual);
            actual.Color = Colors.Black;
            actual.LegendText = "actual";
            var forecast = plot.Add.ScatterLine(minutes, trace.Point);
            forecast.Color = Colors.OrangeRed;
            forecast.LegendText = $"{trace.Model}, {trace.Horizon} min ahead";
            plot.Title($"function {trace.Function}");
            plot.XLabel("minute of day");
            plot.YLabel("invocations per minute");
            plot.ShowLegend(Alignment.UpperLeft);
            // A new multiplot starts with one empty plot: the first panel replaces it.
            if (trace == traces[0])
                multiplot.Reset(plot);
            else
                multiplot.AddPlot(plot);
        }
        multiplot.SavePng(path, width, heightPerPanel * traces.Count);
    }
}
