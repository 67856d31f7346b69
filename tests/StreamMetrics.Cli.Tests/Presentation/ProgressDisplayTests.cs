using Microsoft.Extensions.Time.Testing;
using Spectre.Console.Testing;
using StreamMetrics.Cli.Presentation;
using StreamMetrics.Hosting.Watching;

namespace StreamMetrics.Cli.Tests.Presentation;

public sealed class ProgressDisplayTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Redirected_output_gets_a_plain_line_every_period_and_one_at_the_end()
    {
        var output = new StringWriter();
        var display = new ProgressDisplay(output, console: null, _time);
        var finish = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        IProgress<ProgressUpdate>? report = null;

        var running = display.RunAsync("forecast", "functions", progress =>
        {
            report = progress;
            return finish.Task;
        });
        report!.Report(new ProgressUpdate(50, 200, "auto ahead"));
        Assert.Same(output, display.Status);
        Assert.Equal("", output.ToString());
        _time.Advance(ProgressDisplay.PlainEvery);
        await Eventually.True(() => output.ToString().Contains('\n'), "the first periodic line");
        finish.SetResult(7);

        Assert.Equal(7, await running);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["forecast: 50/200 functions (25%, 10.0/s, 15s left); auto ahead", "forecast: 200/200 functions (100%, 40.0/s, 0s left); auto ahead"],
            lines.Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public async Task Redirected_output_also_gets_the_status_table_as_lines_before_each_progress_line()
    {
        var output = new StringWriter();
        var display = new ProgressDisplay(output, console: null, _time);
        var finish = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var snapshot = new StatusSnapshot(_time.GetUtcNow(), [], [], ["pool: parallelism 4"]);

        var running = display.RunAsync("demo", unit: null, progress =>
        {
            progress.Report(new ProgressUpdate(30, 60, "1,000 events produced"));
            return finish.Task;
        }, (_ => snapshot, "demo"));
        _time.Advance(ProgressDisplay.PlainEvery);
        await Eventually.True(() => output.ToString().Contains("demo: "), "the first periodic line");
        finish.SetResult(0);
        await running;

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.EndsWith(" pool: parallelism 4", lines[0]);
        Assert.Equal("demo: 50% (5s left); 1,000 events produced", lines[1]);
    }

    [Fact]
    public async Task A_terminal_gets_a_progress_bar_with_percent_rate_and_time_left_and_status_lines_above_it()
    {
        var console = new TestConsole().Interactive().SupportsAnsi(true).Width(160);
        var display = new ProgressDisplay(TextWriter.Null, console, _time);

        var result = await display.RunAsync("evaluate", "invocations", async progress =>
        {
            await display.Status.WriteLineAsync("simulating 3 policies");
            progress.Report(new ProgressUpdate(420, 1000, "simulated"));
            _time.Advance(TimeSpan.FromSeconds(2));
            progress.Report(new ProgressUpdate(500, 1000, "simulated"));
            return 3;
        });

        Assert.Equal(3, result);
        var output = console.Output;
        Assert.Contains("simulating 3 policies", output);
        Assert.Contains("evaluate: simulated", output);
        Assert.Contains("invocations/s", output);
        Assert.Contains("100%", output);
    }

    [Theory]
    [InlineData(0.0, 0.0, "x: 0/0 items (0%, 0.0/s, ? left)")]
    [InlineData(30.0, 90.0, "x: 30/90 items (33%, 3.0/s, 20s left)")]
    [InlineData(1.0, 400.0, "x: 1/400 items (0%, 0.1/s, 1h06m left)")]
    public void A_plain_line_says_done_of_total_percent_rate_and_time_left(double done, double total, string expected)
    {
        Assert.Equal(expected, ProgressText.Line("x", "items", new ProgressUpdate(done, total), TimeSpan.FromSeconds(10)));
    }
}
