using Avro;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>The record schemas of <c>schemas/*.avsc</c>, embedded in this assembly, with their CRC-64-AVRO parsing fingerprints.</summary>
public static class AvroSchemas
{
    private static readonly Lazy<IReadOnlyDictionary<long, RecordSchema>> ByFingerprintLazy = new(Load);

    public static RecordSchema Event => Named("Event");
    public static RecordSchema MetricSample => Named("MetricSample");
    public static RecordSchema Forecast => Named("Forecast");
    public static RecordSchema ScalingDecision => Named("ScalingDecision");
    public static RecordSchema DeadLetter => Named("DeadLetter");

    /// <summary>Every embedded schema by its parsing fingerprint (the 8 bytes after C3 01 in a single-object record).</summary>
    public static IReadOnlyDictionary<long, RecordSchema> ByFingerprint => ByFingerprintLazy.Value;

    /// <summary>CRC-64-AVRO fingerprint of the schema's parsing canonical form, as the single-object header carries it.</summary>
    public static long Fingerprint(Schema schema) => SchemaNormalization.ParsingFingerprint64(schema);

    private static RecordSchema Named(string name) =>
        ByFingerprint.Values.SingleOrDefault(s => s.Name == name)
        ?? throw new InvalidOperationException($"schema '{name}' is not embedded: is schemas/{name}.avsc missing?");

    private static IReadOnlyDictionary<long, RecordSchema> Load()
    {
        var assembly = typeof(AvroSchemas).Assembly;
        var result = new Dictionary<long, RecordSchema>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("schemas.", StringComparison.Ordinal) && n.EndsWith(".avsc", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var schema = Schema.Parse(reader.ReadToEnd()) as RecordSchema
                ?? throw new InvalidOperationException($"{resource} is not a record schema");
            result.Add(Fingerprint(schema), schema);
        }
        return result;
    }
}
