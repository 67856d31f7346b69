using Avro;
using Avro.Generic;
using Avro.IO;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Kafka.Tests.Serialization;

/// <summary>Records written as an earlier StreamMetrics wrote them: Apache.Avro's generic writer with a schema file.</summary>
internal static class SchemaFileRecords
{
    /// <summary>A schema file under <c>schemas/</c>, e.g. <c>("earlier", "Forecast.2.avsc")</c>.</summary>
    public static RecordSchema FileSchema(params string[] path) =>
        (RecordSchema)Schema.Parse(File.ReadAllText(RepositoryFiles.Path(["schemas", .. path])));

    /// <summary>The record as a single-object record under its schema's fingerprint.</summary>
    public static byte[] SingleObject(GenericRecord record)
    {
        using var stream = new MemoryStream();
        var header = new byte[SingleObjectEncoding.HeaderLength];
        SingleObjectEncoding.WriteHeader(header, AvroSchemas.Fingerprint(record.Schema));
        stream.Write(header);
        new GenericDatumWriter<GenericRecord>(record.Schema).Write(record, new BinaryEncoder(stream));
        return stream.ToArray();
    }
}
