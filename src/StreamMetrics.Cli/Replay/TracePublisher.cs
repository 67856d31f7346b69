using System.Globalization;
using StreamMetrics.Core.Events;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Cli.Replay;

/// <summary>
/// Publishes a trace's invocations as events on the replay clock: each one <c>lead</c> ahead of its arrival time, with
/// the arrival time as its timestamp and its execution time as the payload's <c>durationMs</c> (which the synthetic
/// function runs for). The event type is the function. An event counts as produced once Kafka acknowledged it.
/// </summary>
internal sealed class TracePublisher(RecordPublisher publisher, string topic, TimeProvider clock)
{
    /// <summary>Wall-clock period of the publishing loop.</summary>
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(10);

    private long _produced;
    private long _failed;
    private long _sent;
    private Exception? _firstFailure;

    public long Produced => Interlocked.Read(ref _produced);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The first failed send, if any.</summary>
    public Exception? FirstFailure => _firstFailure;

    /// <param name="invocations">In ascending arrival order.</param>
    /// <param name="start">Clock time of the trace's second 0.</param>
    /// <param name="lead">How far ahead of its arrival an event is published.</param>
    public async Task RunAsync(IEnumerable<TraceInvocation> invocations, DateTimeOffset start, TimeSpan lead, CancellationToken cancellation)
    {
        using var pending = invocations.GetEnumerator();
        var more = pending.MoveNext();
        using var timer = new PeriodicTimer(Slice);
        while (more && await timer.WaitForNextTickAsync(cancellation))
        {
            var horizon = clock.GetUtcNow() + lead;
            while (more && start + TimeSpan.FromSeconds(pending.Current.Seconds) <= horizon)
            {
                Publish(pending.Current, start, cancellation);
                more = pending.MoveNext();
            }
        }
        while (Produced + Failed < Interlocked.Read(ref _sent))
            await timer.WaitForNextTickAsync(cancellation);
    }

    private void Publish(TraceInvocation invocation, DateTimeOffset start, CancellationToken cancellation)
    {
        var sequence = Interlocked.Increment(ref _sent);
        var payload = string.Create(CultureInfo.InvariantCulture, $"{{\"durationMs\":{invocation.DurationSeconds * 1000:0.###}}}");
        var evt = new StreamEvent(invocation.Function, sequence.ToString(CultureInfo.InvariantCulture), start + TimeSpan.FromSeconds(invocation.Seconds), payload);
        _ = SendAsync(evt, cancellation);
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
