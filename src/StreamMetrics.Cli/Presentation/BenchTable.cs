using System.Globalization;
using System.Text;
using StreamMetrics.Hosting.Bench;

namespace StreamMetrics.Cli.Presentation;

/// <summary>What <c>bench</c> prints: the four rates, their ratios, memory and latency.</summary>
internal static class BenchTable
{
    public static string Format(BenchReport report)
    {
        var rates = report.EventsPerSecond;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"bench: {report.Events:N0} events, {report.Types:N0} types, profile {report.Profile}");
        var cpu = report.CpuMicrosecondsPerEvent ?? new BenchCpu(0, 0, 0, 0);
        text.AppendLine(CultureInfo.InvariantCulture, $"{"path",-18} {"events/s",12} {"CPU us/event",13}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"kafka-raw",-18} {rates.KafkaRaw,12:N0} {cpu.KafkaRaw,13:N1}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"pipeline-kafka",-18} {rates.PipelineKafka,12:N0} {cpu.PipelineKafka,13:N1}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"akka-raw",-18} {rates.AkkaRaw,12:N0} {cpu.AkkaRaw,13:N1}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"pipeline-memory",-18} {rates.PipelineMemory,12:N0} {cpu.PipelineMemory,13:N1}");
        text.AppendLine(CultureInfo.InvariantCulture, $"pipeline-kafka / kafka-raw   {report.Ratios.Kafka:F3}");
        text.AppendLine(CultureInfo.InvariantCulture, $"pipeline-memory / akka-raw   {report.Ratios.Memory:F3}");
        text.AppendLine(CultureInfo.InvariantCulture, $"metric records per event     {report.MetricRecordsPerEvent:N2} (pipeline-kafka; kafka-raw publishes 1)");
        text.AppendLine(CultureInfo.InvariantCulture, $"allocated per event (memory) {report.AllocatedBytesPerEvent:N0} B");
        text.AppendLine(CultureInfo.InvariantCulture, $"held per event type (memory) {report.BytesPerType:N0} B");
        text.AppendLine(CultureInfo.InvariantCulture, $"memory per type held         {report.MemoryPerTypeBytes:N0} B ({report.TypesHeld:N0} types held)");
        text.AppendLine(CultureInfo.InvariantCulture, $"peak working set             {report.PeakWorkingSetBytes / 1048576.0:N0} MiB");
        var latency = report.LatencyMs;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"latency p50 / p99            {latency.P50:N0} / {latency.P99:N0} ms at {latency.RatePerSecond:N0} events/s ({latency.Events:N0} events)");
        text.AppendLine(CultureInfo.InvariantCulture, $"lost input records           {report.LostMessages:N0}");
        if (report.MetricsTruncated)
            text.AppendLine("invalid run: the embedded cluster dropped old metric records after acknowledging them (metric records are keyed by type; fewer events per type fit)");
        return text.ToString();
    }
}
