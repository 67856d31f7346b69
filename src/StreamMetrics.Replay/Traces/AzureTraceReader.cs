using System.Globalization;

namespace StreamMetrics.Replay.Traces;

/// <summary>
/// Reads the Azure Functions 2019 trace formats (described in the repository's traces/README.md): the minute file
/// (<c>HashFunction</c>, <c>Trigger</c>, <c>1</c>..<c>1440</c>, optionally a <c>Day</c> column for multi-day files)
/// and the durations file (<c>HashFunction</c>, <c>DurAvgMs</c>, <c>DurP0Ms</c>..<c>DurP100Ms</c>).
/// </summary>
public static class AzureTraceReader
{
    private const int MinutesPerDay = 1440;

    /// <summary>
    /// Reads a minute trace. Rows of the same function (one per <c>Day</c>, as in the 14-day file) are joined in day order.
    /// </summary>
    public static IReadOnlyList<MinuteSeries> ReadMinutes(string path)
    {
        var rows = new List<(string Function, string Trigger, int Day, int[] Counts)>();
        int[]? minuteColumns = null;
        foreach (var (table, lineNumber, fields) in CsvTable.Read(path))
        {
            minuteColumns ??= Enumerable.Range(1, MinutesPerDay).Select(m => table.IndexOf(m.ToString(CultureInfo.InvariantCulture))).ToArray();
            var counts = new int[MinutesPerDay];
            for (var m = 0; m < MinutesPerDay; m++)
            {
                var column = minuteColumns[m];
                var text = column < fields.Length ? fields[column] : "";
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out counts[m]))
                    throw new TraceFormatException($"{path}:{lineNumber}: minute {m + 1} = '{text}' is not a non-negative whole number");
            }
            var trigger = table.Has("Trigger") ? table.Text(fields, lineNumber, "Trigger") : "";
            var day = table.Has("Day") ? (int)table.Number(fields, lineNumber, "Day") : 1;
            rows.Add((table.Text(fields, lineNumber, "HashFunction"), trigger, day, counts));
        }
        return rows
            .GroupBy(r => r.Function, StringComparer.Ordinal)
            .Select(g => new MinuteSeries(g.Key, g.First().Trigger, g.OrderBy(r => r.Day).SelectMany(r => r.Counts).ToArray()))
            .ToList();
    }

    /// <summary>Reads a durations file, keyed by function id.</summary>
    public static IReadOnlyDictionary<string, FunctionDurations> ReadDurations(string path)
    {
        var result = new Dictionary<string, FunctionDurations>(StringComparer.Ordinal);
        foreach (var (table, line, f) in CsvTable.Read(path))
        {
            var durations = new FunctionDurations(
                table.Text(f, line, "HashFunction"),
                table.Number(f, line, "DurAvgMs"),
                table.Number(f, line, "DurP0Ms"),
                table.Number(f, line, "DurP1Ms"),
                table.Number(f, line, "DurP25Ms"),
                table.Number(f, line, "DurP50Ms"),
                table.Number(f, line, "DurP75Ms"),
                table.Number(f, line, "DurP99Ms"),
                table.Number(f, line, "DurP100Ms"));
            result[durations.Function] = durations;
        }
        return result;
    }
}
