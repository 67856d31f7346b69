using Avro;
using Avro.IO;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>Encodes and decodes one record type as an Avro single-object record of its schema in <c>schemas/</c>.</summary>
public abstract class AvroRecordCodec<T>
{
    private protected AvroRecordCodec(RecordSchema schema)
    {
        Schema = schema;
        Fingerprint = AvroSchemas.Fingerprint(schema);
    }

    public RecordSchema Schema { get; }

    public long Fingerprint { get; }

    public byte[] Encode(T value)
    {
        using var stream = new MemoryStream(96);
        Span<byte> header = stackalloc byte[SingleObjectEncoding.HeaderLength];
        SingleObjectEncoding.WriteHeader(header, Fingerprint);
        stream.Write(header);
        var encoder = new BinaryEncoder(stream);
        Write(encoder, value);
        encoder.Flush();
        return stream.ToArray();
    }

    /// <summary>Decodes a record of this schema; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public T Decode(ReadOnlySpan<byte> bytes)
    {
        if (!SingleObjectEncoding.TryReadHeader(bytes, out var fingerprint, out var body))
            throw new InvalidDataException($"not an Avro single-object record (expected C3 01 and 8 fingerprint bytes, got {bytes.Length} bytes)");
        if (fingerprint != Fingerprint && ReadsOlderVersion(fingerprint))
            return DecodeOlderBody(fingerprint, body);
        if (fingerprint != Fingerprint)
        {
            throw new InvalidDataException(
                $"written with schema fingerprint {SingleObjectEncoding.FingerprintHex(fingerprint)}, " +
                $"not {Schema.Name} ({SingleObjectEncoding.FingerprintHex(Fingerprint)})");
        }

        return DecodeBody(body);
    }

    /// <summary>Decodes the body (after the header) of a record already known to be of this schema.</summary>
    internal T DecodeBody(ReadOnlySpan<byte> body)
    {
        var reader = new AvroSpanReader(body);
        var value = Read(ref reader);
        if (!reader.AtEnd)
            throw new InvalidDataException($"{reader.Remaining} bytes left after the {Schema.Name} record");
        return value;
    }

    private T DecodeOlderBody(long fingerprint, ReadOnlySpan<byte> body)
    {
        var reader = new AvroSpanReader(body);
        var value = ReadOlderVersion(fingerprint, ref reader);
        if (!reader.AtEnd)
            throw new InvalidDataException($"{reader.Remaining} bytes left after the {Schema.Name} record");
        return value;
    }

    /// <summary>Whether records written with a superseded version of this schema (by its fingerprint) can be read.</summary>
    private protected virtual bool ReadsOlderVersion(long fingerprint) => false;

    /// <summary>Reads a superseded version's body, filling the fields it lacks with the current schema's defaults.</summary>
    private protected virtual T ReadOlderVersion(long fingerprint, ref AvroSpanReader reader) =>
        throw new NotSupportedException($"{Schema.Name} has no older version {SingleObjectEncoding.FingerprintHex(fingerprint)}");

    /// <summary>Writes the fields in the schema's order.</summary>
    private protected abstract void Write(BinaryEncoder encoder, T value);

    private protected abstract T Read(ref AvroSpanReader reader);

    private protected static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
