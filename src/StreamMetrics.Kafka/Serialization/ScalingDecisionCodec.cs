using StreamMetrics.Core.Scaling;

namespace StreamMetrics.Kafka.Serialization;

/// <summary><see cref="ScaleDecision"/> (with its context) as schema <c>ScalingDecision</c>.</summary>
public sealed class ScalingDecisionCodec() : AvroRecordCodec<ScalingRecord>(AvroSchemas.ScalingDecision)
{
    public byte[] Encode(ScaleDecision decision, int previousInstances, string policy, DateTimeOffset at) =>
        Encode(new ScalingRecord(decision, previousInstances, policy, at));

    private protected override void Write(ref AvroBufferWriter encoder, ScalingRecord value)
    {
        encoder.WriteString(value.Decision.Scope);
        encoder.WriteInt(value.Decision.DesiredInstances);
        encoder.WriteInt(value.PreviousInstances);
        encoder.WriteString(value.Policy);
        encoder.WriteString(value.Decision.Reason);
        encoder.WriteLong(Millis(value.At));
    }

    private protected override ScalingRecord Read(ref AvroSpanReader reader)
    {
        var scope = reader.ReadString();
        var desired = reader.ReadInt();
        var previous = reader.ReadInt();
        var policy = reader.ReadString();
        var reason = reader.ReadString();
        var at = reader.ReadTimestampMillis();
        return new ScalingRecord(new ScaleDecision(scope, desired, reason), previous, policy, at);
    }
}
