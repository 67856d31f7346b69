using Avro;

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

    /// <summary>One scratch buffer per thread: encoding allocates only the record it returns.</summary>
    [ThreadStatic]
    private static byte[]? _scratch;

    public byte[] Encode(T value)
    {
        var writer = new AvroBufferWriter(_scratch ?? new byte[256]);
        Span<byte> header = stackalloc byte[SingleObjectEncoding.HeaderLength];
        SingleObjectEncoding.WriteHeader(header, Fingerprint);
        writer.WriteRaw(header);
        Write(ref writer, value);
        _scratch = writer.Buffer;
        return writer.Written.ToArray();
    }

    /// <summary>Decodes a record of this schema; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public T Decode(ReadOnlySpan<byte> bytes)
    {
        if (!SingleObjectEncoding.TryReadHeader(bytes, out var fingerprint, out var body))
            throw new InvalidDataException($"not an Avro single-object record (expected C3 01 and 8 fingerprint bytes, got {bytes.Length} bytes)");
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

    /// <summary>Writes the fields in the schema's order.</summary>
    private protected abstract void Write(ref AvroBufferWriter encoder, T value);

    private protected abstract T Read(ref AvroSpanReader reader);

    private protected static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
