using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Kafka.Messaging;

/// <summary>
/// Publishes events onto a topic as their time comes on a clock: each one once the clock has come within
/// <c>lead</c> of its timestamp, keyed by its type. The loop follows the clock, not a count of ticks, so a slow tick
/// never stretches the run. An event counts as produced only once Kafka acknowledged it; a failed send is counted,
/// and the first failure kept, while the rest go on.
/// </summary>
public sealed class TimedEventPublisher(RecordPublisher publisher, string topic, TimeProvider clock)
{
    /// <summary>Wall-clock period of the publishing loop.</summary>
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(10);

    private long _sent;
    private long _produced;
    private long _failed;
    private Exception? _firstFailure;

    public long Produced => Interlocked.Read(ref _produced);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The first failed send, if any.</summary>
    public Exception? FirstFailure => _firstFailure;

    /// <summary>Publishes every event, then waits until Kafka has answered for each.</summary>
    /// <param name="events">In ascending timestamp order; read lazily, as the clock reaches them.</param>
    /// <param name="lead">How far ahead of its timestamp an event is published.</param>
    public async Task RunAsync(IEnumerable<StreamEvent> events, TimeSpan lead, CancellationToken cancellation)
    {
        using var pending = events.GetEnumerator();
        var more = pending.MoveNext();
        // The loop's period is wall-clock time: the clock may run faster than the wall clock (replay).
        using var timer = new PeriodicTimer(Slice);
        while (more && await timer.WaitForNextTickAsync(cancellation))
        {
            var horizon = clock.GetUtcNow() + lead;
            while (more && pending.Current.Timestamp <= horizon)
            {
                _sent++;
                _ = SendAsync(pending.Current, cancellation);
                more = pending.MoveNext();
            }
        }
        while (Produced + Failed < _sent)
            await timer.WaitForNextTickAsync(cancellation);
    }

    private async Task SendAsync(StreamEvent evt, CancellationToken cancellation)
    {
        try
        {
            await publisher.PublishAsync(topic, evt.Type, AvroCodecs.Event.Encode(evt), cancellation).ConfigureAwait(false);
            Interlocked.Increment(ref _produced);
        }
        catch (Exception error)
        {
            Interlocked.CompareExchange(ref _firstFailure, error, null);
            Interlocked.Increment(ref _failed);
        }
    }
}
