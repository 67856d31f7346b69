using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

public sealed partial class RecordPublisher
{
    /// <summary>
    /// Counts the delivery reports of the records of one <see cref="PublishAllAsync"/> call down to zero, then completes;
    /// the first failed report fails it. Continuations run on the client's delivery-report thread, at once: handing each
    /// completion to the thread pool instead cost a work item and often a thread wake-up per event, while the one caller,
    /// the metrics sink, only counts the records and passes the event on to the stream, which runs it on its own thread.
    /// </summary>
    private sealed class Acknowledgement : TaskCompletionSource
    {
        private int _outstanding;

        public Acknowledgement(int records)
        {
            _outstanding = records;
            Delivered = OnDelivered;
        }

        /// <summary>The delivery handler given to every record of the call: one delegate for them all.</summary>
        public Action<DeliveryReport<string?, byte[]>> Delivered { get; }

        private void OnDelivered(DeliveryReport<string?, byte[]> report)
        {
            if (report.Error.IsError)
                TrySetException(new ProduceException<string?, byte[]>(report.Error, report));
            else if (Interlocked.Decrement(ref _outstanding) == 0)
                TrySetResult();
        }
    }
}
