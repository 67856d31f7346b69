using StreamMetrics.Core.Events;

namespace StreamMetrics.Kafka.Serialization;

/// <summary><see cref="StreamEvent"/> as schema <c>Event</c>.</summary>
public sealed class EventCodec() : AvroRecordCodec<StreamEvent>(AvroSchemas.Event)
{
    private protected override void Write(ref AvroBufferWriter encoder, StreamEvent value)
    {
        encoder.WriteString(value.Type);
        encoder.WriteString(value.Key);
        encoder.WriteLong(Millis(value.Timestamp));
        if (value.Payload is null)
        {
            encoder.WriteUnionIndex(0);
        }
        else
        {
            encoder.WriteUnionIndex(1);
            encoder.WriteString(value.Payload);
        }
    }

    /// <summary>Type names repeat on every event of a type: each is decoded into one string, not one per event.</summary>
    private readonly RepeatedStrings _types = new();

    private protected override StreamEvent Read(ref AvroSpanReader reader)
    {
        var type = reader.ReadString(_types);
        var key = reader.ReadString();
        var ts = reader.ReadTimestampMillis();
        var payload = reader.ReadOptionalPresent() ? reader.ReadString() : null;
        return new StreamEvent(type, key, ts, payload);
    }
}
