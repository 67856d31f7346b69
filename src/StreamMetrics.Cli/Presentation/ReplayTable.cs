using System.Globalization;
using System.Text;
using StreamMetrics.Replay.Live;

namespace StreamMetrics.Cli.Presentation;

/// <summary>The side-by-side table <c>replay</c> prints: the live run, the simulator's run of the same invocations, the difference.</summary>
internal static class ReplayTable
{
    public static string Format(ReplayReport report)
    {
        var live = report.Policies[report.Policy];
        var simulated = report.Simulated[report.Policy];
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"",-22} {"live",14} {"simulated",14} {"difference",11}");
        Row(text, "invocations", live.Invocations, simulated.Invocations, "N0");
        Row(text, "cold starts", live.ColdStarts, simulated.ColdStarts, "N0");
        Row(text, "cold-start rate %", live.ColdStartRate * 100, simulated.ColdStartRate * 100, "F3");
        Row(text, "queue p50 ms", live.QueueP50Ms, simulated.QueueP50Ms, "F0");
        Row(text, "queue p99 ms", live.QueueP99Ms, simulated.QueueP99Ms, "F0");
        Row(text, "instance-hours", live.InstanceSeconds / 3600, simulated.InstanceSeconds / 3600, "N2");
        Row(text, "idle instance-hours", live.IdleInstanceSeconds / 3600, simulated.IdleInstanceSeconds / 3600, "N2");
        Row(text, "metric records", live.MetricRecords, simulated.MetricRecords, "N0");
        Row(text, "metric MB", live.MetricBytes / 1e6, simulated.MetricBytes / 1e6, "N1");
        var agreement = report.Agreement;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"agreement: cold starts {agreement.ColdStarts:+0.0%;-0.0%;0.0%}, instance-seconds {agreement.InstanceSeconds:+0.0%;-0.0%;0.0%} " +
            $"({(agreement.Within ? "within" : "NOT within")} {agreement.Tolerance:P0}); metric records {report.MetricRecords.Ratio - 1:+0.0%;-0.0%;0.0%} " +
            $"({(report.MetricRecords.Within ? "within" : "NOT within")} {agreement.Tolerance:P0})");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"events: {report.EventsProduced:N0} published, {report.EventsProcessed:N0} processed, {report.DeadLettered:N0} dead-lettered, {report.LostMessages:N0} lost; " +
            $"{report.DispatchedLate:N0} dispatched more than 1 s after their time (max {report.MaxLatenessMs:N0} ms); " +
            $"{report.ProfileSwitches:N0} profile switches (each warms the type's instances anew while the old ones serve)");
        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, double live, double simulated, string format)
    {
        var difference = simulated == 0 ? "" : ((live - simulated) / simulated).ToString("+0.0%;-0.0%;0.0%", CultureInfo.InvariantCulture);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{name,-22} {live.ToString(format, CultureInfo.InvariantCulture),14} {simulated.ToString(format, CultureInfo.InvariantCulture),14} {difference,11}");
    }
}
