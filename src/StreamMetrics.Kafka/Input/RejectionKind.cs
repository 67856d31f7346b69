namespace StreamMetrics.Kafka.Input;

/// <summary>Why an input record is not an event.</summary>
public enum RejectionKind
{
    /// <summary>Neither a valid Avro single-object record nor a JSON object, or its body is corrupt.</summary>
    Undecodable,

    /// <summary>An Avro single-object record whose fingerprint is none of our schemas.</summary>
    UnknownSchema,

    /// <summary>One of our records, but not an <c>Event</c> (a <c>MetricSample</c> on the input topic).</summary>
    WrongSchema,

    /// <summary>Larger than the configured maximum event size.</summary>
    Oversized,

    /// <summary>A timestamp that does not parse or lies outside the sanity window.</summary>
    InvalidTimestamp,

    /// <summary>Decodes, but breaks the <c>Event</c> schema's rules (no type, a field of the wrong JSON type, an unknown field).</summary>
    InvalidEvent,
}
