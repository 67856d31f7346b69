using System.Globalization;
using System.Text;
using StreamMetrics.Replay.Evaluation;

namespace StreamMetrics.Cli.Presentation;

/// <summary>The comparison table <c>evaluate</c> prints.</summary>
public static class ReportTable
{
    public static string Format(EvaluationReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"policy",-16} {"invocations",12} {"cold starts",12} {"cold %",8} {"queue p50",10} {"queue p99",10} {"inst-hours",11} {"idle-hours",11}");
        foreach (var (name, p) in report.Policies)
            text.AppendLine(Row(name, p.Invocations, p.ColdStarts, p.ColdStartRate, p.QueueP50Ms, p.QueueP99Ms, p.InstanceSeconds, p.IdleInstanceSeconds));
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"predictive frontier (headroom: cold starts, instance-hours); default {report.DefaultPredictiveSetting}, closest to oracle-minute {report.ClosestToOracleMinute}");
        foreach (var point in report.Frontier["predictive"])
            text.AppendLine(CultureInfo.InvariantCulture, $"  {point.Setting,6}: {point.ColdStarts,10:N0} ({point.ColdStartRate:P3}), {point.InstanceSeconds / 3600,10:N1} h");
        if (report.DominatedBy.Count > 0)
        {
            var dominance = report.DominatedBy.Select(d => d.Value is { } setting
                ? string.Create(CultureInfo.InvariantCulture, $"{d.Key} (at {setting})")
                : $"not {d.Key}");
            text.AppendLine($"frontier dominates (no more cold starts and instance-hours): {string.Join(", ", dominance)}");
        }
        var v = report.MetricVolume;
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"metric volume: debug {v.AlwaysDebug.Records:N0} records ({v.AlwaysDebug.Bytes / 1e6:N1} MB), standard {v.AlwaysStandard.Records:N0} ({v.AlwaysStandard.Bytes / 1e6:N1} MB), adaptive {v.Adaptive.Records:N0} ({v.Adaptive.Bytes / 1e6:N1} MB)");
        text.AppendLine(CultureInfo.InvariantCulture, $"high-load minutes (top decile per function) at debug under adaptive: {v.HighLoadMinutesAtDebug:N0} of {v.HighLoadMinutes:N0} ({v.HighLoadCoveredAtDebug:P1})");
        return text.ToString();
    }

    private static string Row(string name, long invocations, long coldStarts, double rate, double p50, double p99, double instanceSeconds, double idleSeconds) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{name,-16} {invocations,12:N0} {coldStarts,12:N0} {rate * 100,7:F3}% {p50,8:F0}ms {p99,8:F0}ms {instanceSeconds / 3600,11:N1} {idleSeconds / 3600,11:N1}");
}
