using System.Globalization;
using System.Text.Json;

namespace StreamMetrics.Core.Configuration;

/// <summary>
/// A JSON value of a config file and its path from the root (<c>profiles.audit.metrics.latency_ms</c>), with strict typed
/// reads: every failure is a <see cref="ConfigException"/> naming the path, the value and what is allowed.
/// </summary>
internal sealed class ConfigNode(JsonElement element, string path, string configFile)
{
    public string Path { get; } = path;

    public string ConfigFile { get; } = configFile;

    public ConfigException Error(string detail) => new(ConfigFile, detail);

    /// <summary>The properties of this object in file order; duplicate keys and keys outside <paramref name="allowed"/> (when given) are errors.</summary>
    public IReadOnlyList<(string Name, ConfigNode Value)> Properties(IReadOnlyCollection<string>? allowed = null)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw Error($"{Display} = {Raw} must be a JSON object");
        var result = new List<(string, ConfigNode)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var child = new ConfigNode(property.Value, Child(property.Name), ConfigFile);
            if (!seen.Add(property.Name))
                throw Error($"{child.Path}: key given twice");
            if (allowed is not null && !allowed.Contains(property.Name))
                throw Error($"{child.Path}: unknown key; allowed keys here: {string.Join(", ", allowed)}");
            result.Add((property.Name, child));
        }
        return result;
    }

    public string String(string what)
    {
        if (element.ValueKind != JsonValueKind.String)
            throw Error($"{Path} = {Raw} must be a string: {what}");
        return element.GetString()!;
    }

    /// <summary>A string as it is, a number as written, or true/false: for values handed on as text.</summary>
    public string Text(string what) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw Error($"{Path} = {Raw} must be a string, a number or true/false: {what}"),
    };

    public double Number(string what)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || !double.IsFinite(value))
            throw Error($"{Path} = {Raw} must be a number: {what}");
        return value;
    }

    public int Int32(string what)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
            throw Error($"{Path} = {Raw} must be a whole number: {what}");
        return value;
    }

    public TimeSpan Duration()
    {
        var text = String(DurationText.Allowed);
        return DurationText.TryParse(text, out var value) ? value : throw Error($"{Path} = '{text}' is not a duration: use {DurationText.Allowed}");
    }

    /// <summary>Runs a parse or validation that throws <see cref="FormatException"/>/<see cref="ArgumentException"/> with a complete message, as a config error.</summary>
    public T Checked<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new ConfigException(ConfigFile, ex.Message, ex);
        }
    }

    public void Checked(Action validate) => Checked(() => { validate(); return 0; });

    private string Display => Path.Length == 0 ? "the top level" : Path;

    private string Raw => element.ValueKind == JsonValueKind.String ? $"'{element.GetString()}'" : element.GetRawText();

    private string Child(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    public static ConfigNode Root(string json, string configFile)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return new ConfigNode(document.RootElement.Clone(), "", configFile);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line
                ? $" at line {(line + 1).ToString(CultureInfo.InvariantCulture)}, column {((ex.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)}"
                : "";
            // The parser's message ends with its own zero-based position; the one-based line and column above replace it.
            var reason = ex.Message;
            var position = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (position > 0)
                reason = reason[..position].TrimEnd(' ', '|');
            throw new ConfigException(configFile, $"not valid JSON{where}: {reason}", ex);
        }
    }
}
