using System.Globalization;
using System.Text;
using StreamMetrics.Replay.Forecasting;

namespace StreamMetrics.Cli.Presentation;

/// <summary>The report as a plain-text table: one row per model and horizon.</summary>
public static class ForecastTable
{
    public static string Format(ForecastReport report)
    {
        var s = report.Settings;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{report.Trace}: {s.FunctionsTotal} functions x {s.BucketsPerFunction} buckets, warm-up {s.Warmup}, season {s.SeasonLength}, " +
            $"bounds at {s.Confidence:P0}; means over the {s.FunctionsBusy} functions averaging >= {s.BusyThreshold} per bucket; {s.ElapsedSeconds:F1} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"evaluated on: {s.FunctionSelection}");
        var ratio = s.RatioReference is { } reference ? $"MAE/{reference}(geo)" : "";
        text.AppendLine($"model            h       MAE   sMAPE%    MASE  coverage  MAE(vol-weighted, all)  {ratio}");
        foreach (var (model, scores) in report.Models)
        {
            foreach (var (horizon, h) in scores.Horizons)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{model,-15} {horizon,2} {h.Mae,9:F3} {h.Smape,8:F2} {(h.Mase is { } m ? m.ToString("F3", CultureInfo.InvariantCulture) : "-"),7} {h.Coverage,9:P1} {h.MaeWeighted,12:F3} {Optional(h.MaeRatioGeoMean),21}");
            }
        }

        return text.ToString();
    }

    private static string Optional(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "-";
}
