using Confluent.Kafka;
using Spectre.Console;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Hosting.Watching;

/// <summary>
/// <c>watch --format table</c> without <c>--topic</c>: follows the operators' topics and shows one row per event type,
/// redrawn in place on a terminal, or as plain lines per refresh when the output is redirected.
/// </summary>
/// <param name="consumer">Assigned to <paramref name="partitions"/> partitions, with partition EOF events on.</param>
internal sealed class LiveWatch(IConsumer<Ignore, byte[]> consumer, int partitions, TextWriter output, TimeProvider time, string title)
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest the first refresh waits for every partition to be read up to its end.</summary>
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(15);

    /// <summary>Runs until cancelled or after <paramref name="refreshes"/> refreshes; returns the records read.</summary>
    public long Run(TimeSpan refresh, int? refreshes, CancellationToken cancellation)
    {
        var board = new TypeStatusBoard();
        if (!Terminal.IsLive(output))
        {
            Follow(board, refresh, refreshes, snapshot =>
            {
                foreach (var line in StatusTable.Lines(snapshot))
                    output.WriteLine(line);
                output.Flush();
            }, cancellation);
            return board.Records;
        }
        var console = Terminal.Console(output);
        console.Live(StatusTable.Render(board.Snapshot(time.GetUtcNow()), title))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .Start(live => Follow(board, refresh, refreshes, snapshot =>
            {
                live.UpdateTarget(StatusTable.Render(snapshot, title));
                live.Refresh();
            }, cancellation));
        return board.Records;
    }

    private void Follow(TypeStatusBoard board, TimeSpan refresh, int? refreshes, Action<StatusSnapshot> show, CancellationToken cancellation)
    {
        var shown = 0;
        var started = time.GetUtcNow();
        var due = started + refresh;
        // The first refresh waits until what was already written is read, so even one refresh (--count 1) shows it.
        var ended = new HashSet<TopicPartition>();
        while (!cancellation.IsCancellationRequested && (refreshes is null || shown < refreshes))
        {
            var result = consumer.Consume(PollTimeout);
            if (result is { IsPartitionEOF: true })
                ended.Add(result.TopicPartition);
            else if (result is { Message: { } message })
                Add(board, result.Topic, message);
            var now = time.GetUtcNow();
            if (now < due || (shown == 0 && ended.Count < partitions && now - started < CatchUpLimit))
                continue;
            show(board.Snapshot(now));
            shown++;
            due = now + refresh;
        }
    }

    /// <summary>Decodes by the fingerprint a record carries, whatever its topic; anything else is counted as undecodable.</summary>
    private void Add(TypeStatusBoard board, string topic, Message<Ignore, byte[]> message)
    {
        var bytes = message.Value ?? [];
        // Kafka's timestamp is when the record was written, so a backlog read at once is not taken for a burst.
        var written = message.Timestamp.Type == TimestampType.NotAvailable ? time.GetUtcNow() : message.Timestamp.UtcDateTime;
        if (!SingleObjectEncoding.TryReadHeader(bytes, out var fingerprint, out _))
        {
            board.AddUndecodable();
            return;
        }
        try
        {
            if (AvroCodecs.Forecast.Reads(fingerprint))
                board.Add(AvroCodecs.Forecast.Decode(bytes), written);
            else if (AvroCodecs.ScalingDecision.Reads(fingerprint))
                board.Add(AvroCodecs.ScalingDecision.Decode(bytes), written);
            else if (AvroCodecs.MetricSample.Reads(fingerprint))
                board.Add(topic, AvroCodecs.MetricSample.Decode(bytes), written);
            else
                board.AddUndecodable();
        }
        catch (InvalidDataException)
        {
            board.AddUndecodable();
        }
    }
}
