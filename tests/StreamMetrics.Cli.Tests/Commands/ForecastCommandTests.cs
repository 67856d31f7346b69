using System.CommandLine;
using System.Text.Json;
using StreamMetrics.Cli.Commands;
using StreamMetrics.Replay.Forecasting;
using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Cli.Tests.Commands;

public sealed class ForecastCommandTests
{
    [Fact]
    public async Task Split_tune_evaluates_only_the_tuning_half_and_the_report_carries_the_ratio_against_ewma()
    {
        var reportFile = Path.Combine(Path.GetTempPath(), $"forecast-{Guid.NewGuid():N}.json");
        var exitCode = await CommandCatalog.CreateRoot()
            .Parse(["forecast", RepositoryTraces.MinuteDay1, "--split", "tune", "--models", "naive,ewma", "--horizons", "1", "--report", reportFile])
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = new StringWriter() });

        Assert.Equal(0, exitCode);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(reportFile));
        var settings = report.RootElement.GetProperty("settings");
        var tuning = FunctionSplit.Select(AzureTraceReader.ReadMinutes(RepositoryTraces.MinuteDay1), FunctionHalf.Tuning);
        Assert.Equal(tuning.Count, settings.GetProperty("functionsTotal").GetInt32());
        Assert.StartsWith("tuning half", settings.GetProperty("functionSelection").GetString());
        Assert.Equal(tuning.Select(f => f.Function).Order(), report.RootElement.GetProperty("functions").EnumerateArray().Select(f => f.GetProperty("function").GetString()).Order());
        var naive = report.RootElement.GetProperty("models").GetProperty("naive").GetProperty("horizons").GetProperty("1");
        Assert.True(naive.GetProperty("maeRatioGeoMean").GetDouble() > 0);
    }

    [Fact]
    public async Task An_unknown_split_is_refused()
    {
        var error = new StringWriter();
        var exitCode = await CommandCatalog.CreateRoot()
            .Parse(["forecast", RepositoryTraces.MinuteDay1, "--split", "test"])
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("test", error.ToString());
    }
}
