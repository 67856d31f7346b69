using Avro;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>
/// The record schemas of <c>schemas/*.avsc</c>, embedded in this assembly, with their CRC-64-AVRO parsing fingerprints, and
/// the superseded versions of <c>schemas/versions/*.avsc</c>, kept so that records they wrote still decode.
/// </summary>
public static class AvroSchemas
{
    private const string CurrentPrefix = "schemas.";
    private const string VersionsPrefix = "schemas.versions.";

    private static readonly Lazy<(IReadOnlyDictionary<long, RecordSchema> All, IReadOnlyList<RecordSchema> Current)> Loaded = new(Load);

    public static RecordSchema Event => Named("Event");
    public static RecordSchema MetricSample => Named("MetricSample");
    public static RecordSchema Forecast => Named("Forecast");
    public static RecordSchema ScalingDecision => Named("ScalingDecision");
    public static RecordSchema DeadLetter => Named("DeadLetter");

    /// <summary>
    /// Every embedded schema, current or superseded, by its parsing fingerprint (the 8 bytes after C3 01 in a
    /// single-object record).
    /// </summary>
    public static IReadOnlyDictionary<long, RecordSchema> ByFingerprint => Loaded.Value.All;

    /// <summary>CRC-64-AVRO fingerprint of the schema's parsing canonical form, as the single-object header carries it.</summary>
    public static long Fingerprint(Schema schema) => SchemaNormalization.ParsingFingerprint64(schema);

    /// <summary>Superseded version <paramref name="version"/> of schema <paramref name="name"/> (<c>schemas/versions/Name.vN.avsc</c>).</summary>
    public static RecordSchema Version(string name, int version) => Parse(VersionsPrefix + name + ".v" + version + ".avsc");

    private static RecordSchema Named(string name) =>
        Loaded.Value.Current.SingleOrDefault(s => s.Name == name)
        ?? throw new InvalidOperationException($"schema '{name}' is not embedded: is schemas/{name}.avsc missing?");

    private static (IReadOnlyDictionary<long, RecordSchema>, IReadOnlyList<RecordSchema>) Load()
    {
        var all = new Dictionary<long, RecordSchema>();
        var current = new List<RecordSchema>();
        foreach (var resource in typeof(AvroSchemas).Assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(CurrentPrefix, StringComparison.Ordinal) && n.EndsWith(".avsc", StringComparison.Ordinal)))
        {
            var schema = Parse(resource);
            all.Add(Fingerprint(schema), schema);
            if (!resource.StartsWith(VersionsPrefix, StringComparison.Ordinal))
                current.Add(schema);
        }
        return (all, current);
    }

    private static RecordSchema Parse(string resource)
    {
        using var stream = typeof(AvroSchemas).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"schema resource {resource} is not embedded");
        using var reader = new StreamReader(stream);
        return Schema.Parse(reader.ReadToEnd()) as RecordSchema
            ?? throw new InvalidOperationException($"{resource} is not a record schema");
    }
}
