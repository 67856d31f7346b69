using BenchmarkDotNet.Attributes;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Benchmarks.Pipeline;

/// <summary>Cost per metric record of the metrics sink's Avro encoding.</summary>
[MemoryDiagnoser]
public class AvroEncodeBenchmarks
{
    private readonly ExactLengthArrayPool _arrays = new();
    private readonly byte[][] _records = new byte[1][];
    private readonly MetricSample _sample = new("checkout", "debug", MetricNames.LatencyMs, 12.5, new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero), "checkout-1");

    [Benchmark]
    public byte[] EncodeMetricSample() => AvroCodecs.MetricSample.Encode(_sample);

    /// <summary>As the metrics sink encodes: the sample with the position of the input record it came from.</summary>
    [Benchmark]
    public byte[] EncodeMetricSampleWithSource() => AvroCodecs.MetricSample.Encode(_sample, "events", 7, 123_456);

    /// <summary>
    /// As the metrics sink encodes: into the array of the record its event's carrier took last, whose publish completed,
    /// when it has the length (a record of another length rents one from the pool).
    /// </summary>
    [Benchmark]
    public int EncodeMetricSampleWithSourceIntoReusedArray()
    {
        _records[0] = AvroCodecs.MetricSample.Encode(_sample, "events", 7, 123_456, _arrays, _records[0]);
        return _records[0].Length;
    }
}
