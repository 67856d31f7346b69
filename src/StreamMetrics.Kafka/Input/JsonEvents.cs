using System.Globalization;
using System.Text.Json;
using StreamMetrics.Core.Events;

namespace StreamMetrics.Kafka.Input;

/// <summary>
/// An event written as a JSON object, checked against the <c>Event</c> schema:
/// <c>{"type":"checkout","key":"o-17","ts":"2026-11-28T10:00:00Z","payload":{...}}</c>.
/// <c>type</c> is a required non-empty string; <c>key</c> a string (default ""); <c>ts</c> an ISO-8601 time with an
/// offset or Z (when absent, the fallback time is used); <c>payload</c> any JSON value, kept as its JSON text.
/// </summary>
public static class JsonEvents
{
    public const string AllowedFields = "type, key, ts, payload";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <param name="utf8">The JSON text.</param>
    /// <param name="fallbackTimestamp">Used when <c>ts</c> is absent (the Kafka record's timestamp, or the time of producing).</param>
    public static DecodedInput Parse(ReadOnlySpan<byte> utf8, DateTimeOffset fallbackTimestamp)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), DocumentOptions);
        }
        catch (JsonException e)
        {
            return DecodedInput.Reject(RejectionKind.Undecodable, $"not valid JSON: {e.Message}");
        }
        using (document)
            return FromElement(document.RootElement, fallbackTimestamp);
    }

    private static DecodedInput FromElement(JsonElement root, DateTimeOffset fallbackTimestamp)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return Invalid($"expected a JSON object, got {Kind(root)}");

        string? type = null;
        var key = "";
        DateTimeOffset? ts = null;
        string? payload = null;
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "type" when value.ValueKind == JsonValueKind.String:
                    type = value.GetString();
                    break;
                case "type":
                    return Invalid($"type must be a string, got {Kind(value)}");
                case "key" when value.ValueKind == JsonValueKind.String:
                    key = value.GetString()!;
                    break;
                case "key" when value.ValueKind == JsonValueKind.Null:
                    break;
                case "key":
                    return Invalid($"key must be a string, got {Kind(value)}");
                case "ts" when value.ValueKind == JsonValueKind.String:
                    if (!TryParseTimestamp(value.GetString()!, out var parsed))
                    {
                        return DecodedInput.Reject(RejectionKind.InvalidTimestamp,
                            $"ts = '{value.GetString()}' is not an ISO-8601 time with an offset (e.g. 2026-11-28T10:00:00Z)");
                    }

                    ts = parsed;
                    break;
                case "ts" when value.ValueKind == JsonValueKind.Null:
                    break;
                case "ts":
                    return DecodedInput.Reject(RejectionKind.InvalidTimestamp, $"ts must be an ISO-8601 string, got {Kind(value)}");
                case "payload":
                    payload = value.ValueKind == JsonValueKind.Null ? null : value.GetRawText();
                    break;
                default:
                    return Invalid($"unknown field '{property.Name}' (allowed: {AllowedFields})");
            }
        }
        if (type is null)
            return Invalid("type is missing");
        if (string.IsNullOrWhiteSpace(type))
            return Invalid("type is empty");
        return DecodedInput.Accept(new StreamEvent(type, key, ts ?? fallbackTimestamp, payload));
    }

    private static bool TryParseTimestamp(string text, out DateTimeOffset value)
    {
        value = default;
        // An offset is required: a bare local time would mean different instants on different producers.
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static DecodedInput Invalid(string reason) => DecodedInput.Reject(RejectionKind.InvalidEvent, reason);

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();
}
