using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace StreamMetrics.Hosting.Watching;

/// <summary>
/// Shows a <see cref="StatusSnapshot"/>: as a table that a live view redraws on a terminal, or as plain lines, one per
/// event type, for output that is redirected. <c>watch --format table</c> and the demo show it.
/// </summary>
public static class StatusTable
{
    private const string Missing = "-";

    public static IRenderable Render(StatusSnapshot snapshot, string title)
    {
        var floors = snapshot.Rows.Any(r => r.Floor is not null);
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        table.AddColumn("event type");
        foreach (var header in (string[])["actual/s", "predicted/s", "bounds/s", "predicted KB/s", "KB bounds/s"])
            table.AddColumn(new TableColumn(header).RightAligned());
        table.AddColumn("profile");
        table.AddColumn(new TableColumn("instances / busy").RightAligned());
        if (floors)
            table.AddColumn(new TableColumn("floor").RightAligned());
        table.AddColumn(new TableColumn("cold starts").RightAligned());
        foreach (var topic in snapshot.MetricTopics)
            table.AddColumn(new TableColumn($"{topic}/s").RightAligned());
        foreach (var row in snapshot.Rows)
        {
            List<string> cells =
            [
                row.EventType, Rate(row.ActualPerSecond), Rate(row.PredictedPerSecond), Bounds(row),
                Kilobytes(row.PredictedBytesPerSecond?.Point), BytesBounds(row), row.Profile ?? Missing, Pool(row),
            ];
            if (floors)
                cells.Add(Count(row.Floor));
            cells.Add(Count(row.ColdStarts));
            cells.AddRange(snapshot.MetricTopics.Select(topic => Rate(row.MetricRecordsPerSecond.GetValueOrDefault(topic))));
            var style = row.Stale ? new Style(decoration: Decoration.Dim) : Style.Plain;
            table.AddRow(cells.Select(cell => new Text(cell, style)));
        }
        if (snapshot.Rows.Count == 0)
            table.Caption("no event type seen yet");
        var notes = snapshot.Notes.Select(note => (IRenderable)new Text(note, new Style(decoration: Decoration.Dim)));
        return new Rows([table, .. notes]);
    }

    /// <summary>One line per event type, then the notes, each starting with the snapshot's time of day.</summary>
    public static IEnumerable<string> Lines(StatusSnapshot snapshot)
    {
        var time = snapshot.At.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        foreach (var row in snapshot.Rows)
        {
            List<string> parts =
            [
                $"actual {Rate(row.ActualPerSecond)}/s",
                $"predicted {Rate(row.PredictedPerSecond)}/s ({Bounds(row)})",
                $"data {Kilobytes(row.PredictedBytesPerSecond?.Point)} KB/s ({BytesBounds(row)})",
                $"profile {row.Profile ?? Missing}",
                $"instances {Count(row.Instances)} ({Count(row.Executing)} busy)",
            ];
            if (row.Floor is { } floor)
                parts.Add($"floor {floor}");
            parts.Add($"cold starts {Count(row.ColdStarts)}");
            if (snapshot.MetricTopics.Count > 0)
            {
                parts.Add("metric records/s " + string.Join(" ", snapshot.MetricTopics.Select(topic =>
                    $"{ShortTopic(topic)} {Rate(row.MetricRecordsPerSecond.GetValueOrDefault(topic))}")));
            }
            yield return $"{time} {row.EventType}: {string.Join(", ", parts)}{(row.Stale ? " (stale)" : "")}";
        }
        foreach (var note in snapshot.Notes)
            yield return $"{time} {note}";
    }

    private static string Rate(double? perSecond) => perSecond?.ToString("#,0.0", CultureInfo.InvariantCulture) ?? Missing;

    /// <summary>Payload bytes per second in KB (1,000 bytes).</summary>
    private static string Kilobytes(double? bytesPerSecond) => Rate(bytesPerSecond / 1000);

    private static string BytesBounds(TypeStatusRow row) =>
        row.PredictedBytesPerSecond is { } bytes ? $"{Kilobytes(bytes.Lower)}..{Kilobytes(bytes.Upper)}" : Missing;

    private static string Count(long? value) => value?.ToString("#,0", CultureInfo.InvariantCulture) ?? Missing;

    private static string Bounds(TypeStatusRow row) =>
        row.LowerPerSecond is null || row.UpperPerSecond is null ? Missing : $"{Rate(row.LowerPerSecond)}..{Rate(row.UpperPerSecond)}";

    /// <summary>metrics.debug as debug: the plain lines stay short enough to read.</summary>
    private static string ShortTopic(string topic) => topic.StartsWith("metrics.", StringComparison.Ordinal) ? topic["metrics.".Length..] : topic;

    private static string Pool(TypeStatusRow row) => $"{Count(row.Instances)} / {Count(row.Executing)}";
}
