using Avro;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>Encodes and decodes one record type as an Avro single-object record of its schema in <c>schemas/</c>.</summary>
public abstract class AvroRecordCodec<T>
{
    private protected AvroRecordCodec(RecordSchema schema)
    {
        Schema = schema;
        Fingerprint = AvroSchemas.Fingerprint(schema);
        Header = new byte[SingleObjectEncoding.HeaderLength];
        SingleObjectEncoding.WriteHeader(Header, Fingerprint);
    }

    public RecordSchema Schema { get; }

    public long Fingerprint { get; }

    /// <summary>The single-object header of this schema's records.</summary>
    private protected byte[] Header { get; }

    /// <summary>One scratch buffer per thread: encoding allocates only the record it returns.</summary>
    [ThreadStatic]
    private static byte[]? _scratch;

    public byte[] Encode(T value)
    {
        var writer = StartRecord();
        Write(ref writer, value);
        return FinishRecord(ref writer);
    }

    /// <summary>A writer on this thread's scratch buffer, the single-object header written.</summary>
    private protected AvroBufferWriter StartRecord()
    {
        var writer = new AvroBufferWriter(_scratch ?? new byte[256]);
        writer.WriteRaw(Header);
        return writer;
    }

    /// <summary>
    /// Keeps the (possibly grown) scratch buffer for this thread's next record and returns a copy of the record: in
    /// <paramref name="reuse"/> when it has the record's length, else in an array from <paramref name="arrays"/> when given
    /// (<paramref name="reuse"/> goes back to it), else in a new one.
    /// </summary>
    private protected static byte[] FinishRecord(ref AvroBufferWriter writer, ExactLengthArrayPool? arrays = null, byte[]? reuse = null)
    {
        _scratch = writer.Buffer;
        var record = ArrayFor(writer.Length, arrays, reuse);
        writer.Written.CopyTo(record);
        return record;
    }

    /// <summary>An array for a record of <paramref name="length"/> bytes, as <see cref="FinishRecord"/> chooses one.</summary>
    private protected static byte[] ArrayFor(int length, ExactLengthArrayPool? arrays, byte[]? reuse)
    {
        if (reuse is not null && reuse.Length == length)
            return reuse;
        if (arrays is null)
            return GC.AllocateUninitializedArray<byte>(length);
        if (reuse is not null)
            arrays.Return(reuse);
        return arrays.Rent(length);
    }

    /// <summary>Whether a record written with <paramref name="fingerprint"/> decodes here: this schema or an earlier version of it.</summary>
    public bool Reads(long fingerprint) => fingerprint == Fingerprint || AvroSchemas.IsEarlierVersionOf(fingerprint, Schema);

    /// <summary>
    /// Decodes a record of this schema or of an earlier version of it (fields added since take their defaults); throws
    /// <see cref="InvalidDataException"/> naming what is wrong.
    /// </summary>
    public T Decode(ReadOnlySpan<byte> bytes)
    {
        if (!SingleObjectEncoding.TryReadHeader(bytes, out var fingerprint, out var body))
            throw new InvalidDataException($"not an Avro single-object record (expected C3 01 and 8 fingerprint bytes, got {bytes.Length} bytes)");
        if (fingerprint == Fingerprint)
            return DecodeBody(body);
        if (!AvroSchemas.IsEarlierVersionOf(fingerprint, Schema))
        {
            throw new InvalidDataException(
                $"written with schema fingerprint {SingleObjectEncoding.FingerprintHex(fingerprint)}, " +
                $"not {Schema.Name} ({SingleObjectEncoding.FingerprintHex(Fingerprint)})");
        }
        var reader = new AvroSpanReader(body);
        var value = ReadEarlier(ref reader, AvroSchemas.ByFingerprint[fingerprint]);
        return reader.AtEnd ? value : throw new InvalidDataException($"{reader.Remaining} bytes left after the earlier {Schema.Name} record");
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

    /// <summary>Reads a record that an earlier version of the schema (<c>schemas/earlier/</c>) wrote.</summary>
    private protected virtual T ReadEarlier(ref AvroSpanReader reader, RecordSchema writer) =>
        throw new InvalidDataException($"{Schema.Name} has no reader for its earlier version {SingleObjectEncoding.FingerprintHex(AvroSchemas.Fingerprint(writer))}");

    private protected static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
}
