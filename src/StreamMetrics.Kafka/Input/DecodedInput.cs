using System.Diagnostics.CodeAnalysis;
using StreamMetrics.Core.Events;

namespace StreamMetrics.Kafka.Input;

/// <summary>
/// The outcome of decoding one input record: an event, or a rejection with its reason. Never both. A value, so that
/// decoding allocates no more than the event itself.
/// </summary>
public readonly record struct DecodedInput
{
    private DecodedInput(StreamEvent? @event, InputRejection? rejection)
    {
        Event = @event;
        Rejection = rejection;
    }

    public StreamEvent? Event { get; }

    public InputRejection? Rejection { get; }

    [MemberNotNullWhen(true, nameof(Event))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsAccepted => Event is not null;

    public static DecodedInput Accept(StreamEvent @event) => new(@event, null);

    public static DecodedInput Reject(RejectionKind kind, string reason) => new(null, new InputRejection(kind, reason));

    public static DecodedInput Reject(InputRejection rejection) => new(null, rejection);
}
