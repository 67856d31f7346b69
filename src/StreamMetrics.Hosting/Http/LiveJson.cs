using System.Text.Json;
using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Hosting.Http;

/// <summary>
/// Writes <c>GET /api/live</c>: the keys README.md documents, which the live page reads. Rates are events per second,
/// data volumes payload bytes per second; times are Unix milliseconds; a missing value (a type not known yet at a sample) is null.
/// </summary>
internal sealed class LiveJson(TimeSpan sample, TimeSpan bucket, TimeSpan window, string[] profiles)
{
    private static readonly string[] SeriesKeys =
        ["actual", "predicted", "predictedLower", "predictedUpper", "profile", "instances", "executing", "coldStarts",
            "predictedBytes", "predictedBytesLower", "predictedBytesUpper"];

    public void Write(Utf8JsonWriter json, StreamMetricsService service, LiveReading reading, IReadOnlyDictionary<string, double> actual,
        HistoryWindow history, string? notReady)
    {
        json.WriteStartObject();
        json.WriteNumber("now", reading.At.ToUnixTimeMilliseconds());
        json.WriteNumber("sampleSeconds", sample.TotalSeconds);
        json.WriteNumber("bucketSeconds", bucket.TotalSeconds);
        json.WriteNumber("windowSeconds", window.TotalSeconds);
        json.WriteBoolean("ready", notReady is null);
        json.WriteString("notReadyReason", notReady);
        json.WriteStartArray("profiles");
        foreach (var profile in profiles)
            json.WriteStringValue(profile);
        json.WriteEndArray();
        WriteTotals(json, service, reading);
        json.WriteStartArray("time");
        foreach (var time in history.Times)
            json.WriteNumberValue(time);
        json.WriteEndArray();
        json.WriteStartArray("types");
        var series = history.Types.ToDictionary(s => s.Label, StringComparer.Ordinal);
        foreach (var type in reading.Types)
            WriteType(json, type, actual.TryGetValue(type.Label, out var rate) ? rate : null, series.GetValueOrDefault(type.Label), history.Times.Length);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteTotals(Utf8JsonWriter json, StreamMetricsService service, LiveReading reading)
    {
        var components = service.Components;
        json.WriteStartObject("totals");
        json.WriteNumber("consumed", service.ConsumedMessages);
        json.WriteNumber("processed", components.Counters.EventsProcessed);
        json.WriteNumber("deadLettered", components.Counters.DeadLettered);
        json.WriteNumber("lost", service.LostMessages);
        json.WriteNumber("metricRecords", components.Counters.MetricRecordsByTopic.Values.Sum());
        json.WriteNumber("profileSwitches", components.Selector.Switches);
        json.WriteNumber("coldStarts", reading.Types.Sum(t => t.ColdStarts));
        json.WriteNumber("instances", reading.Types.Sum(t => t.Instances));
        json.WriteNumber("executing", reading.Types.Sum(t => t.Executing));
        json.WriteNumber("parallelism", components.Pool.Parallelism);
        json.WriteNumber("assignedPartitions", service.AssignedPartitions);
        json.WriteNumber("lagRecords", service.Lag().Sum(p => p.Records));
        json.WriteEndObject();
    }

    private void WriteType(Utf8JsonWriter json, TypeReading type, double? actual, TypeSeries? series, int samples)
    {
        json.WriteStartObject();
        json.WriteString("type", type.Label);
        json.WriteString("profile", type.MainProfile(profiles));
        if (actual is { } rate)
            json.WriteNumber("actual", rate);
        else
            json.WriteNull("actual");
        json.WriteNumber("predicted", type.Predicted);
        json.WriteNumber("predictedLower", type.PredictedLower);
        json.WriteNumber("predictedUpper", type.PredictedUpper);
        json.WriteNumber("predictedBytes", type.PredictedBytes);
        json.WriteNumber("predictedBytesLower", type.PredictedBytesLower);
        json.WriteNumber("predictedBytesUpper", type.PredictedBytesUpper);
        json.WriteNumber("instances", type.Instances);
        json.WriteNumber("executing", type.Executing);
        json.WriteNumber("coldStarts", type.ColdStarts);
        json.WriteNumber("processed", type.Processed);
        json.WriteStartObject("history");
        float[][] values = series is null
            ? [.. SeriesKeys.Select(_ => Enumerable.Repeat(float.NaN, samples).ToArray())]
            :
            [
                series.Actual, series.Predicted, series.PredictedLower, series.PredictedUpper, series.Profile, series.Instances, series.Executing,
                series.ColdStarts, series.PredictedBytes, series.PredictedBytesLower, series.PredictedBytesUpper,
            ];
        for (var i = 0; i < SeriesKeys.Length; i++)
        {
            json.WriteStartArray(SeriesKeys[i]);
            foreach (var value in values[i])
            {
                if (float.IsFinite(value))
                    json.WriteNumberValue(value);
                else
                    json.WriteNullValue();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
