using System.Text.Json;
using StreamMetrics.Cli.Commands;

namespace StreamMetrics.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task A_short_demo_processes_every_produced_event_and_fills_several_metric_topics()
    {
        var summaryFile = Path.Combine(Path.GetTempPath(), $"demo-{Guid.NewGuid():N}.json");

        var exitCode = await CommandCatalog.CreateRoot().Parse(["demo", "--duration", "8s", "--summary", summaryFile]).InvokeAsync();

        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(summaryFile));
        var root = summary.RootElement;
        var produced = root.GetProperty("eventsProduced").GetInt64();
        Assert.True(produced > 100, $"only {produced} events produced");
        Assert.Equal(produced, root.GetProperty("eventsProcessed").GetInt64());
        var topicsWithRecords = root.GetProperty("metricRecordsByTopic").EnumerateObject().Count(t => t.Value.GetInt64() > 0);
        Assert.True(topicsWithRecords >= 2, $"records in {topicsWithRecords} metrics topics");
        Assert.True(root.GetProperty("coldStarts").GetInt64() > 0);
        Assert.True(root.GetProperty("poolSizeMax").GetInt32() > 0);
        Assert.True(root.TryGetProperty("profileSwitches", out _));
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task A_bad_duration_is_rejected_with_the_option_and_the_allowed_forms()
    {
        var error = new StringWriter();
        var parse = CommandCatalog.CreateRoot().Parse(["demo", "--duration", "ten seconds"]);

        var exitCode = await StreamMetrics.Hosting.Commands.UserErrors.InvokeAsync(parse, new System.CommandLine.InvocationConfiguration { Error = error });

        Assert.Equal(StreamMetrics.Hosting.Commands.UserErrors.ExitCode, exitCode);
        Assert.Contains("--duration = 'ten seconds'", error.ToString());
        Assert.Contains("30s", error.ToString());
    }
}
