using System.Text;
using BenchmarkDotNet.Attributes;
using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Input;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Benchmarks.Pipeline;

/// <summary>Cost per input record of the decode stage's decoder, for both accepted forms.</summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private static readonly DateTimeOffset Timestamp = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
    private readonly InputDecoder _decoder = new(new InputDecoderOptions(), TimeProvider.System);
    private byte[] _avro = [];
    private byte[] _json = [];

    [GlobalSetup]
    public void Setup()
    {
        _avro = AvroCodecs.Event.Encode(new StreamEvent("checkout", "order-1", Timestamp, """{"amount":12.5}"""));
        _json = Encoding.UTF8.GetBytes("""{"type":"checkout","key":"order-1","ts":"2026-01-05T10:00:00Z","payload":{"amount":12.5}}""");
    }

    [Benchmark]
    public StreamEvent? DecodeAvro() => _decoder.Decode(_avro, Timestamp).Event;

    [Benchmark]
    public StreamEvent? DecodeJson() => _decoder.Decode(_json, Timestamp).Event;
}
