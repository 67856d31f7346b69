using StreamMetrics.Core.Workload;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Messaging;

namespace StreamMetrics.Cli.Demo;

/// <summary>
/// Plays a synthetic workload onto the input topic in real time, slice by slice; counts an event as produced only when
/// Kafka acknowledged it.
/// </summary>
internal sealed class WorkloadPublisher(SyntheticWorkload workload, RecordPublisher publisher, string topic, TimeProvider time)
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(100);
    private long _produced;

    public long Produced => Interlocked.Read(ref _produced);

    public async Task RunAsync(CancellationToken cancellation)
    {
        var origin = time.GetUtcNow();
        var published = TimeSpan.Zero;
        var acknowledgements = new List<Task>();
        using var timer = new PeriodicTimer(Slice, time);
        while (published < workload.RunLength && await timer.WaitForNextTickAsync(cancellation))
        {
            // Follow the clock, not the tick count, so a slow tick never stretches the run.
            var now = Min(time.GetUtcNow() - origin, workload.RunLength);
            foreach (var evt in workload.EventsBetween(published, now, origin))
                acknowledgements.Add(PublishAsync(evt, cancellation));
            published = now;
        }
        await Task.WhenAll(acknowledgements);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private async Task PublishAsync(StreamMetrics.Core.Events.StreamEvent evt, CancellationToken cancellation)
    {
        await publisher.PublishAsync(topic, evt.Type, AvroCodecs.Event.Encode(evt), cancellation);
        Interlocked.Increment(ref _produced);
    }
}
