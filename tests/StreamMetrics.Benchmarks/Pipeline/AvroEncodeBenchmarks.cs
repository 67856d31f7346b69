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

    /// <summary>As the metrics sink encodes since it reuses the arrays of acknowledged records: rented, then given back.</summary>
    [Benchmark]
    public int EncodeMetricSampleWithSourceIntoReusedArray()
    {
        _records[0] = AvroCodecs.MetricSample.Encode(_sample, "events", 7, 123_456, _arrays);
        var length = _records[0].Length;
        _arrays.ReturnAll(_records);
        return length;
    }
}
