using Avro;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>
/// The record schemas of <c>schemas/*.avsc</c>, embedded in this assembly, with their CRC-64-AVRO parsing fingerprints;
/// also the earlier versions in <c>schemas/earlier/</c>, whose records may still sit on a topic.
/// </summary>
public static class AvroSchemas
{
    private const string CurrentPrefix = "schemas.";
    private const string EarlierPrefix = "schemas-earlier.";

    private static readonly Lazy<Loaded> All = new(Load);

    public static RecordSchema Event => Named("Event");
    public static RecordSchema MetricSample => Named("MetricSample");
    public static RecordSchema Forecast => Named("Forecast");
    public static RecordSchema ScalingDecision => Named("ScalingDecision");
    public static RecordSchema DeadLetter => Named("DeadLetter");

    /// <summary>
    /// Every embedded schema, current or earlier, by its parsing fingerprint (the 8 bytes after C3 01 in a single-object
    /// record): the schema that wrote a record.
    /// </summary>
    public static IReadOnlyDictionary<long, RecordSchema> ByFingerprint => All.Value.ByFingerprint;

    /// <summary>CRC-64-AVRO fingerprint of the schema's parsing canonical form, as the single-object header carries it.</summary>
    public static long Fingerprint(Schema schema) => SchemaNormalization.ParsingFingerprint64(schema);

    /// <summary>The schema in <c>schemas/</c> of the same name as <paramref name="writer"/>: what its records are read as.</summary>
    public static RecordSchema CurrentOf(RecordSchema writer) => Named(writer.Name);

    /// <summary>Whether <paramref name="fingerprint"/> is an earlier version of <paramref name="current"/>.</summary>
    public static bool IsEarlierVersionOf(long fingerprint, RecordSchema current) =>
        All.Value.Earlier.Contains(fingerprint) && ByFingerprint[fingerprint].Fullname == current.Fullname;

    private static RecordSchema Named(string name) =>
        All.Value.Current.GetValueOrDefault(name)
        ?? throw new InvalidOperationException($"schema '{name}' is not embedded: is schemas/{name}.avsc missing?");

    private static Loaded Load()
    {
        var assembly = typeof(AvroSchemas).Assembly;
        var loaded = new Loaded();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".avsc", StringComparison.Ordinal)))
        {
            var earlier = resource.StartsWith(EarlierPrefix, StringComparison.Ordinal);
            if (!earlier && !resource.StartsWith(CurrentPrefix, StringComparison.Ordinal))
                continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var schema = Schema.Parse(reader.ReadToEnd()) as RecordSchema
                ?? throw new InvalidOperationException($"{resource} is not a record schema");
            var fingerprint = Fingerprint(schema);
            loaded.ByFingerprint.Add(fingerprint, schema);
            if (earlier)
                loaded.Earlier.Add(fingerprint);
            else
                loaded.Current.Add(schema.Name, schema);
        }
        return loaded;
    }

    private sealed class Loaded
    {
        public Dictionary<long, RecordSchema> ByFingerprint { get; } = [];

        public Dictionary<string, RecordSchema> Current { get; } = new(StringComparer.Ordinal);

        public HashSet<long> Earlier { get; } = [];
    }
}
