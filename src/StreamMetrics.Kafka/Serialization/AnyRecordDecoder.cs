using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Avro;
using Avro.Generic;
using Avro.IO;

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
            using var body = new MemoryStream(bytes, SingleObjectEncoding.HeaderLength, bytes.Length - SingleObjectEncoding.HeaderLength, writable: false);
            var record = new GenericDatumReader<GenericRecord>(schema, schema).Read(reuse: null!, new BinaryDecoder(body));
            json = new JsonObject { ["schema"] = schema.Name };
            foreach (var field in schema.Fields)
                json[field.Name] = ToJson(record.GetValue(field.Pos));
            error = null;
            return true;
        }
        catch (Exception e) when (e is AvroException or IOException or InvalidCastException or OverflowException or OutOfMemoryException)
        {
            error = $"{schema.Name} record does not decode: {e.Message}";
            return false;
        }
    }

    private static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d when double.IsFinite(d) => JsonValue.Create(d),
        double d => JsonValue.Create(d.ToString(CultureInfo.InvariantCulture)),
        bool b => JsonValue.Create(b),
        DateTime t => JsonValue.Create(t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)),
        byte[] bytes => JsonValue.Create(Convert.ToBase64String(bytes)),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
