using System.Text;
using System.Text.Json.Nodes;
using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Hosting.Commands;

/// <summary>Decoded records as aligned table rows; a header is printed whenever the record schema changes.</summary>
internal sealed class RecordTable(TextWriter output)
{
    private const int MinWidth = 10;
    private const int MaxWidth = 28;
    private string? _currentSchema;
    private int[] _widths = [];

    public void Write(JsonObject record)
    {
        var schema = (string?)record["schema"] ?? "?";
        var fields = record.Where(p => p.Key != "schema").ToList();
        if (schema != _currentSchema)
        {
            _currentSchema = schema;
            _widths = fields.Select(f => Math.Clamp(Math.Max(f.Key.Length, Text(f.Value).Length), MinWidth, MaxWidth)).ToArray();
            output.WriteLine();
            output.WriteLine($"== {schema}");
            output.WriteLine(Row(fields.Select(f => f.Key)));
            output.WriteLine(Row(_widths.Select(w => new string('-', w))));
        }
        output.WriteLine(Row(fields.Select(f => Text(f.Value))));
    }

    private string Row(IEnumerable<string> cells)
    {
        var line = new StringBuilder();
        var i = 0;
        foreach (var cell in cells)
        {
            var width = i < _widths.Length ? _widths[i] : MinWidth;
            var text = cell.Length > width ? cell[..(width - 1)] + "…" : cell;
            line.Append(text.PadRight(width)).Append("  ");
            i++;
        }
        return line.ToString().TrimEnd();
    }

    private static string Text(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => value.ToJsonString(AnyRecordDecoder.PrintOptions),
    };
}
