using System.Runtime.CompilerServices;
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
    // Profile and metric names come from the profiles' own strings, so they are told apart by reference, not hashed.
    private readonly Dictionary<(object Profile, object Metric, int InstanceIdLength), int> _withOffsetZero = new(new ByReference());

    public int Of(MetricSample sample, long offset)
    {
        var key = ((object)sample.Profile, (object)sample.Metric, sample.InstanceId.Length);
        if (!_withOffsetZero.TryGetValue(key, out var size))
        {
            size = AvroCodecs.MetricSample.Encode(sample with { Source = new SourceIdentity(inputTopic, 0, 0) }).Length;
            _withOffsetZero.Add(key, size);
        }
        return size + VarLongLength(offset) - VarLongLength(0);
    }

    private sealed class ByReference : IEqualityComparer<(object Profile, object Metric, int InstanceIdLength)>
    {
        public bool Equals((object Profile, object Metric, int InstanceIdLength) x, (object Profile, object Metric, int InstanceIdLength) y) =>
            ReferenceEquals(x.Profile, y.Profile) && ReferenceEquals(x.Metric, y.Metric) && x.InstanceIdLength == y.InstanceIdLength;

        public int GetHashCode((object Profile, object Metric, int InstanceIdLength) key) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(key.Profile), RuntimeHelpers.GetHashCode(key.Metric), key.InstanceIdLength);
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
