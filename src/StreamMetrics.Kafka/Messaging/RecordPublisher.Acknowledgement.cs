using Confluent.Kafka;

namespace StreamMetrics.Kafka.Messaging;

public sealed partial class RecordPublisher
{
    /// <summary>
    /// Counts the delivery reports of the records of one <see cref="PublishAllAsync"/> call down to zero, then completes;
    /// the first failed report fails it. Continuations run off the client's delivery-report thread, which must keep
    /// serving reports.
    /// </summary>
    private sealed class Acknowledgement : TaskCompletionSource
    {
        private int _outstanding;

        public Acknowledgement(int records)
            : base(TaskCreationOptions.RunContinuationsAsynchronously)
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
