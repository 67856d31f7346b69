using Spectre.Console.Testing;
using StreamMetrics.Hosting.Watching;

namespace StreamMetrics.Cli.Tests.Watching;

public sealed class StatusTableTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 10, 0, 5, TimeSpan.Zero);

    private static readonly StatusSnapshot Snapshot = new(
        At,
        [
            new TypeStatusRow("checkout", 35.25, 30.1, 20, 40.25, "standard", 3, 1, null, 5,
                new Dictionary<string, double> { ["metrics.debug"] = 0, ["metrics.standard"] = 7 },
                PredictedBytesPerSecond: new Core.Forecasting.Forecast(24_080, 16_000, 32_200)),
            new TypeStatusRow("search", null, null, null, null, null, null, null, null, null,
                new Dictionary<string, double> { ["metrics.debug"] = 1234.5, ["metrics.standard"] = 0 }, Stale: true),
        ],
        ["metrics.debug", "metrics.standard"],
        ["pool parallelism 14 (was 12), reactive: busy 12 of 12"]);

    [Fact]
    public void The_table_has_a_column_per_figure_and_per_metric_topic_and_a_row_per_type()
    {
        var console = new TestConsole().Width(200);

        console.Write(StatusTable.Render(Snapshot, "StreamMetrics on 127.0.0.1:9092"));

        var output = console.Output;
        foreach (var header in (string[])["event type", "actual/s", "predicted/s", "bounds/s", "predicted KB/s", "KB bounds/s", "profile", "instances / busy", "cold starts", "metrics.debug/s", "metrics.standard/s"])
            Assert.Contains(header, output);
        Assert.DoesNotContain("floor", output);
        var checkout = console.Lines.Single(l => l.Contains("checkout"));
        foreach (var cell in (string[])["35.3", "30.1", "20.0..40.3", "24.1", "16.0..32.2", "standard", "3 / 1", "5", "7.0"])
            Assert.Contains(cell, checkout);
        Assert.Contains("1,234.5", console.Lines.Single(l => l.Contains("search")));
        Assert.Contains("pool parallelism 14 (was 12), reactive", output);
    }

    [Fact]
    public void A_floor_column_appears_once_a_type_has_its_own_policy()
    {
        var console = new TestConsole().Width(200);
        var withFloor = Snapshot with { Rows = [Snapshot.Rows[0] with { Floor = 2 }] };

        console.Write(StatusTable.Render(withFloor, "t"));

        Assert.Contains("floor", console.Output);
    }

    [Fact]
    public void Plain_lines_give_one_line_per_type_then_the_notes_each_with_the_time()
    {
        var lines = StatusTable.Lines(Snapshot).ToList();

        Assert.Equal(3, lines.Count);
        var time = At.ToLocalTime().ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.All(lines, line => Assert.StartsWith(time + " ", line));
        Assert.Equal(
            $"{time} checkout: actual 35.3/s, predicted 30.1/s (20.0..40.3), data 24.1 KB/s (16.0..32.2), profile standard, instances 3 (1 busy), cold starts 5, " +
            "metric records/s debug 0.0 standard 7.0",
            lines[0]);
        Assert.EndsWith("(stale)", lines[1]);
        Assert.Contains("predicted -/s (-), data - KB/s (-)", lines[1]);
        Assert.All(lines, line => Assert.True(line.Length <= 200, line));
    }
}
