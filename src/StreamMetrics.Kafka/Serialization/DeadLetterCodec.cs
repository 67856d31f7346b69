
namespace StreamMetrics.Kafka.Serialization;

/// <summary><see cref="DeadLetter"/> as schema <c>DeadLetter</c>.</summary>
public sealed class DeadLetterCodec() : AvroRecordCodec<DeadLetter>(AvroSchemas.DeadLetter)
{
    private protected override void Write(ref AvroBufferWriter encoder, DeadLetter value)
    {
        encoder.WriteString(value.Reason);
        encoder.WriteString(value.SourceTopic);
        encoder.WriteInt(value.Partition);
        encoder.WriteLong(value.Offset);
        encoder.WriteBytes(value.Original);
        encoder.WriteLong(Millis(value.Timestamp));
    }

    private protected override DeadLetter Read(ref AvroSpanReader reader) => new(
        Reason: reader.ReadString(),
        SourceTopic: reader.ReadString(),
        Partition: reader.ReadInt(),
        Offset: reader.ReadLong(),
        Original: reader.ReadBytes().ToArray(),
        Timestamp: reader.ReadTimestampMillis());
}
