using System.Text;

namespace StreamMetrics.Core.Events;

/// <summary>
/// One event as it arrives on the input topic (Avro schema <c>Event</c>). A value: decoding an input record creates no
/// object for its event, and whoever keeps an event keeps its own copy.
/// </summary>
/// <param name="Type">Event type; the Kafka key, and the unit that is forecast and scaled.</param>
/// <param name="Key">Producer's own key (an order id, a user id); carried, never interpreted.</param>
/// <param name="Timestamp">When the event happened; the producer's clock.</param>
/// <param name="Payload">The event body as JSON text, or null.</param>
public readonly record struct StreamEvent(string Type, string Key, DateTimeOffset Timestamp, string? Payload)
{
    /// <summary>Size of the payload in UTF-8 bytes, 0 without one: what the forecaster counts as the type's data volume.</summary>
    public int PayloadBytes => Payload is null ? 0 : Encoding.UTF8.GetByteCount(Payload);
}
