using System.CommandLine;
using System.Text.Json;
using StreamMetrics.Cli.Commands;
using StreamMetrics.Hosting.Commands;

namespace StreamMetrics.Cli.Tests.Commands;

public sealed class ReplayCommandTests
{
    [Fact]
    public async Task A_short_live_replay_runs_every_invocation_and_reports_it_beside_the_simulators_run()
    {
        var reportFile = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.json");
        var output = new StringWriter();

        var exitCode = await CommandCatalog.CreateRoot()
            .Parse(["replay", RepositoryTraces.MinuteDay1, "--durations", RepositoryTraces.FunctionsDay1, "--top", "3", "--minutes", "2", "--speed", "30", "--report", reportFile])
            .InvokeAsync(new InvocationConfiguration { Output = output });

        Assert.True(exitCode == 0, $"exit code {exitCode}; output:\n{output}");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(reportFile));
        var root = report.RootElement;
        var live = root.GetProperty("policies").GetProperty("predictive");
        var simulated = root.GetProperty("simulated").GetProperty("predictive");
        var produced = root.GetProperty("eventsProduced").GetInt64();
        Assert.True(produced > 1000, $"only {produced} events published");
        Assert.Equal(produced, root.GetProperty("eventsProcessed").GetInt64());
        Assert.Equal(0, root.GetProperty("lostMessages").GetInt64());
        // The pipeline ran exactly the simulator's invocations.
        Assert.Equal(simulated.GetProperty("invocations").GetInt64(), live.GetProperty("invocations").GetInt64());
        Assert.Equal(produced, live.GetProperty("invocations").GetInt64());
        foreach (var key in new[] { "coldStarts", "coldStartRate", "instanceSeconds", "idleInstanceSeconds", "queueP50Ms", "queueP99Ms", "metricRecords", "metricBytes" })
            Assert.True(live.TryGetProperty(key, out _), $"policies.predictive.{key} missing");
        var instanceSeconds = live.GetProperty("instanceSeconds").GetDouble();
        Assert.True(instanceSeconds > 0 && live.GetProperty("idleInstanceSeconds").GetDouble() < instanceSeconds,
            $"instance-seconds {instanceSeconds}, idle {live.GetProperty("idleInstanceSeconds").GetDouble()}");
        Assert.True(live.GetProperty("metricRecords").GetInt64() > 0);
        Assert.Equal(3, root.GetProperty("functionRows").GetArrayLength());
        Assert.True(root.GetProperty("agreement").TryGetProperty("within", out _));
        // The metric-volume model counts what the pipeline published, profile switches included, within 10 %: the
        // records do not depend on the machine's timing beyond a few more instances' interval-sampled records.
        var records = root.GetProperty("metricRecords");
        Assert.Equal(live.GetProperty("metricRecords").GetInt64(), records.GetProperty("live").GetInt64());
        Assert.Equal(simulated.GetProperty("metricRecords").GetInt64(), records.GetProperty("model").GetInt64());
        Assert.True(records.GetProperty("within").GetBoolean() && root.GetProperty("profileSwitches").GetInt64() > 0,
            $"metric records: live {records.GetProperty("live").GetInt64()}, model {records.GetProperty("model").GetInt64()}; {root.GetProperty("profileSwitches").GetInt64()} switches");
        Assert.Contains("cold starts", output.ToString());
    }

    [Theory]
    [InlineData("--speed", "0.5", "--speed = 0.5")]
    [InlineData("--minutes", "0", "--minutes = 0")]
    [InlineData("--cold-start", "2m", "--cold-start = 2m, must be between 1ms and 1m")]
    public async Task A_bad_value_is_refused_naming_the_option_and_the_value(string option, string value, string expected)
    {
        var error = new StringWriter();

        var exitCode = await UserErrors.InvokeAsync(
            CommandCatalog.CreateRoot().Parse(["replay", RepositoryTraces.MinuteDay1, "--durations", RepositoryTraces.FunctionsDay1, option, value]),
            new InvocationConfiguration { Error = error });

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, error.ToString());
    }
}
