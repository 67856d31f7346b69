using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Avro;

namespace StreamMetrics.Kafka.Serialization;

/// <summary>
/// Turns any single-object record of our schemas into a JSON object, for people and tools that read topics
/// (<c>streammetrics watch</c>): <c>{"schema":"MetricSample","eventType":...}</c>, timestamps as ISO-8601 UTC, bytes as base64.
/// </summary>
public static class AnyRecordDecoder
{
    /// <summary>Writes JSON as people read it: quotes and non-ASCII letters unescaped (the output is not embedded in HTML).</summary>
    public static JsonSerializerOptions PrintOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool TryDecode(byte[] bytes, [NotNullWhen(true)] out JsonObject? json, [NotNullWhen(false)] out string? error)
    {
        json = null;
        if (!SingleObjectEncoding.TryReadHeader(bytes, out var fingerprint, out _))
        {
            error = $"not an Avro single-object record ({bytes.Length} bytes, starts {Convert.ToHexString(bytes.AsSpan(0, Math.Min(4, bytes.Length)))})";
            return false;
        }
        if (!AvroSchemas.ByFingerprint.TryGetValue(fingerprint, out var schema))
        {
            error = $"unknown schema fingerprint {SingleObjectEncoding.FingerprintHex(fingerprint)}";
            return false;
        }
        try
        {
            var reader = new AvroSpanReader(bytes.AsSpan(SingleObjectEncoding.HeaderLength));
            json = new JsonObject { ["schema"] = schema.Name };
            ReadFields(ref reader, schema, json);
            if (!reader.AtEnd)
                throw new InvalidDataException($"{reader.Remaining} bytes left after the record");
            json = AsCurrent(json, schema);
            error = null;
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException)
        {
            json = null;
            error = $"{schema.Name} record does not decode: {e.Message}";
            return false;
        }
    }

    private static void ReadFields(ref AvroSpanReader reader, RecordSchema schema, JsonObject into)
    {
        foreach (var field in schema.Fields)
            into[field.Name] = ReadValue(ref reader, field.Schema);
    }

    /// <summary>
    /// A record of an earlier schema version as the current schema reads it, so readers see the same keys whichever
    /// version wrote it: fields in the current order, the ones added since with their defaults.
    /// </summary>
    private static JsonObject AsCurrent(JsonObject written, RecordSchema writer)
    {
        var current = AvroSchemas.CurrentOf(writer);
        if (ReferenceEquals(current, writer))
            return written;
        var resolved = new JsonObject { ["schema"] = current.Name };
        foreach (var field in current.Fields)
        {
            resolved[field.Name] = written.TryGetPropertyValue(field.Name, out var value)
                ? value?.DeepClone()
                : JsonNode.Parse(field.DefaultValue?.ToString(Newtonsoft.Json.Formatting.None) ?? "null");
        }
        return resolved;
    }

    /// <summary>Reads one value of the kinds our schemas use, with every length checked against the bytes left.</summary>
    private static JsonNode? ReadValue(ref AvroSpanReader reader, Schema schema)
    {
        switch (schema)
        {
            case LogicalSchema { LogicalTypeName: "timestamp-millis" }:
                return JsonValue.Create(reader.ReadTimestampMillis().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            case LogicalSchema logical:
                return ReadValue(ref reader, logical.BaseSchema);
            case UnionSchema union:
                var branch = reader.ReadLong();
                if (branch < 0 || branch >= union.Count)
                    throw new InvalidDataException($"union branch {branch} does not exist");
                return ReadValue(ref reader, union[(int)branch]);
            case RecordSchema record:
                var nested = new JsonObject();
                ReadFields(ref reader, record, nested);
                return nested;
        }
        return schema.Tag switch
        {
            Schema.Type.Null => null,
            Schema.Type.String => JsonValue.Create(reader.ReadString()),
            Schema.Type.Int => JsonValue.Create(reader.ReadInt()),
            Schema.Type.Long => JsonValue.Create(reader.ReadLong()),
            Schema.Type.Double => ToJson(reader.ReadDouble()),
            Schema.Type.Bytes => JsonValue.Create(Convert.ToBase64String(reader.ReadBytes())),
            _ => throw new NotSupportedException($"Avro type {schema.Tag} is not used by our schemas"),
        };
    }

    /// <summary>JSON has no NaN or infinity: those are written as strings ("NaN", "Infinity").</summary>
    private static JsonNode ToJson(double value) =>
        double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));
}
