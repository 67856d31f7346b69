using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Kafka.Bench;

/// <summary>
/// The benchmark's input: one encoded Avro <c>Event</c> per type, reused for every event of that type, so writing a
/// million events to Kafka or memory costs no encoding and both paths read the very same bytes.
/// </summary>
public static class BenchEvents
{
    /// <summary>Event type number <paramref name="index"/>, as the records name it.</summary>
    public static string TypeName(int index) => $"type-{index}";

    /// <summary>Event <c>i</c> is <c>records[i % types]</c>: types take turns, so every type sees the same share.</summary>
    public static byte[][] Encode(int types, DateTimeOffset timestamp)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(types, 1);
        var records = new byte[types][];
        for (var i = 0; i < types; i++)
            records[i] = AvroCodecs.Event.Encode(new StreamEvent(TypeName(i), $"k{i}", timestamp, null));
        return records;
    }
}
