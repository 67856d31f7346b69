using Avro;
using Avro.Generic;
using Avro.IO;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Kafka.Tests.Serialization;

/// <summary>
/// Records already on a topic keep the fingerprint of the schema that wrote them: every earlier version in
/// schemas/earlier stays recognised, and its records read as the current schema with the added fields' defaults.
/// </summary>
public sealed class EarlierSchemaTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 10, 0, 0, 123, TimeSpan.Zero);

    /// <summary>The fingerprint every Forecast record published before the status fields carries.</summary>
    private const string FirstForecastFingerprint = "13C0EEE6735876BA";

    private static RecordSchema EarlierFile(string name) =>
        (RecordSchema)Schema.Parse(File.ReadAllText(RepositoryFiles.Path("schemas", "earlier", name)));

    [Fact]
    public void Every_earlier_schema_is_embedded_and_its_records_resolve_to_the_current_schema()
    {
        var files = Directory.GetFiles(RepositoryFiles.Path("schemas", "earlier"), "*.avsc");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var earlier = (RecordSchema)Schema.Parse(File.ReadAllText(file));
            Assert.StartsWith(earlier.Name + ".", Path.GetFileName(file));
            var current = AvroSchemas.CurrentOf(earlier);
            Assert.NotEqual(AvroSchemas.Fingerprint(current), AvroSchemas.Fingerprint(earlier));
            Assert.True(AvroSchemas.IsEarlierVersionOf(AvroSchemas.Fingerprint(earlier), current), $"{file} is not embedded as an earlier {current.Name}");
            // Avro's own resolution accepts the pair only when every field added since has a default.
            var added = current.Fields.Where(f => !earlier.Contains(f.Name)).ToList();
            Assert.All(added, f => Assert.True(f.DefaultValue is not null, $"{current.Name}.{f.Name} was added without a default"));
            var body = GenericBody(FilledRecord(earlier));
            var read = new GenericDatumReader<GenericRecord>(earlier, current).Read(null!, new BinaryDecoder(new MemoryStream(body)));
            Assert.All(added, f => Assert.Null(read.GetValue(f.Pos)));
        }
    }

    [Fact]
    public void The_first_Forecast_schema_keeps_the_fingerprint_its_records_carry()
    {
        var first = EarlierFile("Forecast.1.avsc");

        Assert.Equal(FirstForecastFingerprint, SingleObjectEncoding.FingerprintHex(AvroSchemas.Fingerprint(first)));
        Assert.True(AvroCodecs.Forecast.Reads(AvroSchemas.Fingerprint(first)));
        Assert.False(AvroCodecs.Event.Reads(AvroSchemas.Fingerprint(first)));
    }

    [Fact]
    public void A_forecast_of_the_first_schema_decodes_with_an_unknown_status()
    {
        var bytes = FirstVersionForecast();

        var decoded = AvroCodecs.Forecast.Decode(bytes);

        Assert.Equal("checkout", decoded.Forecast.EventType);
        Assert.Equal(42, decoded.Forecast.ArrivalsInBucket);
        Assert.Equal(150.0, decoded.Forecast.NextBucket.Upper);
        Assert.Equal(At, decoded.At);
        Assert.Equal(TypeStatus.Unknown, decoded.Status);
    }

    [Fact]
    public void Watch_prints_a_forecast_of_the_first_schema_with_the_keys_of_the_current_one()
    {
        Assert.True(AnyRecordDecoder.TryDecode(FirstVersionForecast(), out var json, out var error), error);

        Assert.Equal("Forecast", (string?)json["schema"]);
        Assert.Equal(42L, (long?)json["arrivalsInBucket"]);
        Assert.Equal(
            ["schema", .. AvroSchemas.Forecast.Fields.Select(f => f.Name)],
            json.Select(p => p.Key));
        Assert.True(json.ContainsKey("profile"));
        Assert.Null(json["profile"]);
        Assert.Null(json["coldStarts"]);
    }

    [Fact]
    public void A_record_of_another_schema_is_still_refused()
    {
        var metric = AvroCodecs.MetricSample.Encode(new Core.Metrics.MetricSample("t", "minimal", "m", 1, At, "i"));

        var error = Assert.Throws<InvalidDataException>(() => AvroCodecs.Forecast.Decode(metric));
        Assert.Contains("not Forecast", error.Message);
    }

    private static byte[] FirstVersionForecast()
    {
        var first = EarlierFile("Forecast.1.avsc");
        var record = new GenericRecord(first);
        foreach (var (field, value) in new (string, object)[]
                 {
                     ("eventType", "checkout"), ("bucketStart", At.AddSeconds(-30).UtcDateTime), ("bucketSeconds", 60.0), ("arrivalsInBucket", 42L),
                     ("point", 120.0), ("lower", 90.0), ("upper", 150.0), ("predictedRatePerSecond", 2.0), ("ts", At.UtcDateTime),
                 })
        {
            record.Add(field, value);
        }
        var header = new byte[SingleObjectEncoding.HeaderLength];
        SingleObjectEncoding.WriteHeader(header, AvroSchemas.Fingerprint(first));
        return [.. header, .. GenericBody(record)];
    }

    /// <summary>A record of <paramref name="schema"/> with a value of the right kind in every field.</summary>
    private static GenericRecord FilledRecord(RecordSchema schema)
    {
        var record = new GenericRecord(schema);
        foreach (var field in schema.Fields)
        {
            record.Add(field.Name, field.Schema switch
            {
                LogicalSchema => At.UtcDateTime,
                PrimitiveSchema { Tag: Schema.Type.String } => "x",
                PrimitiveSchema { Tag: Schema.Type.Int } => 1,
                PrimitiveSchema { Tag: Schema.Type.Long } => 1L,
                PrimitiveSchema { Tag: Schema.Type.Double } => 1.0,
                PrimitiveSchema { Tag: Schema.Type.Bytes } => new byte[] { 1 },
                _ => null,
            });
        }
        return record;
    }

    private static byte[] GenericBody(GenericRecord record)
    {
        using var stream = new MemoryStream();
        new GenericDatumWriter<GenericRecord>(record.Schema).Write(record, new BinaryEncoder(stream));
        return stream.ToArray();
    }
}
