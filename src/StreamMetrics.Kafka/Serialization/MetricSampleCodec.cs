using System.Diagnostics;
using Avro;
using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>
/// <see cref="MetricSample"/> as schema <c>MetricSample</c> (version 2); reads version 1 records too, whose missing
/// <c>source</c> takes its default, null.
/// </summary>
public sealed class MetricSampleCodec() : AvroRecordCodec<MetricSample>(AvroSchemas.MetricSample)
{
    /// <summary>Fingerprint of version 1 (<c>schemas/earlier/MetricSample.1.avsc</c>): no <c>source</c>.</summary>
    public static long Version1Fingerprint { get; } = AvroSchemas.ByFingerprint
        .Single(s => s.Value.Name == "MetricSample" && s.Value.Fields.All(f => f.Name != "source")).Key;

    /// <summary>
    /// A record's strings repeat from record to record (its type, profile, metric and instance, the input's topic), each
    /// the same string object: their encodings are kept and copied.
    /// </summary>
    private readonly EncodedStrings _repeated = new();

    /// <summary>
    /// Encodes <paramref name="sample"/> as coming from the input record at <paramref name="sourceTopic"/>,
    /// <paramref name="sourcePartition"/>, <paramref name="sourceOffset"/>: the same bytes as encoding the sample with that
    /// <see cref="MetricSample.Source"/>, without building the copy that would carry it. The record's array is
    /// <paramref name="reuse"/> when that has the record's length (an earlier record's array whose publish completed), else
    /// one from <paramref name="arrays"/> when given (<paramref name="reuse"/> goes back to it; the owner gives the record's
    /// array back once the record is published), else a new one.
    /// </summary>
    public byte[] Encode(
        MetricSample sample, string sourceTopic, int sourcePartition, long sourceOffset, ExactLengthArrayPool? arrays = null, byte[]? reuse = null)
    {
        if (EncodeKept(sample, sourceTopic, sourcePartition, sourceOffset, arrays, reuse) is { } record)
            return record;
        var writer = StartRecord();
        WriteVersion1(ref writer, sample);
        WriteSource(ref writer, sourceTopic, sourcePartition, sourceOffset);
        return FinishRecord(ref writer, arrays, reuse);
    }

    /// <summary>
    /// The record written straight into its array, when the encoding of each of its strings is kept: its length is known
    /// beforehand, so it needs neither a scratch buffer nor a copy. Null when a string's encoding is not kept.
    /// </summary>
    private byte[]? EncodeKept(in MetricSample sample, string topic, int partition, long offset, ExactLengthArrayPool? arrays, byte[]? reuse)
    {
        if (_repeated.Find(sample.EventType) is not { } type || _repeated.Find(sample.Profile) is not { } profile
            || _repeated.Find(sample.Metric) is not { } metric || _repeated.Find(sample.InstanceId) is not { } instance
            || _repeated.Find(topic) is not { } topicBytes)
        {
            return null;
        }
        var millis = Millis(sample.Timestamp);
        var length = Header.Length + type.Length + profile.Length + metric.Length + sizeof(double) + AvroBufferWriter.LongLength(millis)
            + instance.Length + AvroBufferWriter.LongLength(1) + topicBytes.Length + AvroBufferWriter.LongLength(partition) + AvroBufferWriter.LongLength(offset);
        var writer = new AvroBufferWriter(ArrayFor(length, arrays, reuse));
        writer.WriteRaw(Header);
        writer.WriteRaw(type);
        writer.WriteRaw(profile);
        writer.WriteRaw(metric);
        writer.WriteDouble(sample.Value);
        writer.WriteLong(millis);
        writer.WriteRaw(instance);
        writer.WriteUnionIndex(1);
        writer.WriteRaw(topicBytes);
        writer.WriteInt(partition);
        writer.WriteLong(offset);
        Debug.Assert(writer.Length == length && writer.Buffer.Length == length, "a record written into an array of its length fills it");
        return writer.Buffer;
    }

    private protected override void Write(ref AvroBufferWriter encoder, MetricSample value)
    {
        WriteVersion1(ref encoder, value);
        if (value.Source is { } source)
            WriteSource(ref encoder, source.Topic, source.Partition, source.Offset);
        else
            encoder.WriteUnionIndex(0);
    }

    private void WriteVersion1(ref AvroBufferWriter encoder, MetricSample value)
    {
        encoder.WriteString(value.EventType, _repeated);
        encoder.WriteString(value.Profile, _repeated);
        encoder.WriteString(value.Metric, _repeated);
        encoder.WriteDouble(value.Value);
        encoder.WriteLong(Millis(value.Timestamp));
        encoder.WriteString(value.InstanceId, _repeated);
    }

    private void WriteSource(ref AvroBufferWriter encoder, string topic, int partition, long offset)
    {
        encoder.WriteUnionIndex(1);
        encoder.WriteString(topic, _repeated);
        encoder.WriteInt(partition);
        encoder.WriteLong(offset);
    }

    private protected override MetricSample Read(ref AvroSpanReader reader)
    {
        var sample = ReadVersion1(ref reader);
        return reader.ReadOptionalPresent()
            ? sample with { Source = new SourceIdentity(reader.ReadString(), reader.ReadInt(), reader.ReadLong()) }
            : sample;
    }

    /// <summary>Version 1 is the only earlier version: the body without <c>source</c>.</summary>
    private protected override MetricSample ReadEarlier(ref AvroSpanReader reader, RecordSchema writer) => ReadVersion1(ref reader);

    private static MetricSample ReadVersion1(ref AvroSpanReader reader) => new(
        EventType: reader.ReadString(),
        Profile: reader.ReadString(),
        Metric: reader.ReadString(),
        Value: reader.ReadDouble(),
        Timestamp: reader.ReadTimestampMillis(),
        InstanceId: reader.ReadString());
}
