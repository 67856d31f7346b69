using StreamMetrics.Core.Metrics;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Replay.Evaluation;

/// <summary>
/// Bytes of a metric record as the pipeline's sink writes it: the Avro encoding of the sample stamped with its input
/// record. The encoding differs between samples only in the lengths of its strings and variable-length numbers, so one
/// encoding per profile, metric and instance-id length is made and the offset's length added to it.
/// </summary>
internal sealed class RecordSizes(string inputTopic)
{
    private readonly Dictionary<(string Profile, string Metric, int InstanceIdLength), int> _withOffsetZero = [];

    public int Of(MetricSample sample, long offset)
    {
        var key = (sample.Profile, sample.Metric, sample.InstanceId.Length);
        if (!_withOffsetZero.TryGetValue(key, out var size))
        {
            size = AvroCodecs.MetricSample.Encode(sample with { Source = new SourceIdentity(inputTopic, 0, 0) }).Length;
            _withOffsetZero.Add(key, size);
        }
        return size + VarLongLength(offset) - VarLongLength(0);
    }

    /// <summary>Bytes of Avro's zig-zag variable-length encoding of <paramref name="value"/>.</summary>
    private static int VarLongLength(long value)
    {
        var zigZag = (ulong)((value << 1) ^ (value >> 63));
        var length = 1;
        while ((zigZag >>= 7) != 0)
            length++;
        return length;
    }
}
