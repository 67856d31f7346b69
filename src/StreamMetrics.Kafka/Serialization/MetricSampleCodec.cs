using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Kafka.Serialization;

/// <summary><see cref="MetricSample"/> as schema <c>MetricSample</c>.</summary>
public sealed class MetricSampleCodec() : AvroRecordCodec<MetricSample>(AvroSchemas.MetricSample)
{
    private protected override void Write(ref AvroBufferWriter encoder, MetricSample value)
    {
        encoder.WriteString(value.EventType);
        encoder.WriteString(value.Profile);
        encoder.WriteString(value.Metric);
        encoder.WriteDouble(value.Value);
        encoder.WriteLong(Millis(value.Timestamp));
        encoder.WriteString(value.InstanceId);
    }

    private protected override MetricSample Read(ref AvroSpanReader reader) => new(
        EventType: reader.ReadString(),
        Profile: reader.ReadString(),
        Metric: reader.ReadString(),
        Value: reader.ReadDouble(),
        Timestamp: reader.ReadTimestampMillis(),
        InstanceId: reader.ReadString());
}
