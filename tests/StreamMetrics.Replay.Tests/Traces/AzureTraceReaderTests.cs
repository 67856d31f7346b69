using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Replay.Tests.Traces;

public sealed class AzureTraceReaderTests
{
    [Fact]
    public void Minute_trace_of_day_one_has_300_functions_and_the_published_total()
    {
        var series = AzureTraceReader.ReadMinutes(RepositoryTraces.MinuteDay1);

        Assert.Equal(300, series.Count);
        Assert.All(series, s => Assert.Equal(1440, s.PerMinute.Length));
        Assert.Equal(8_620_190, series.Sum(s => s.Total));
    }

    [Fact]
    public void Fourteen_day_file_is_joined_into_one_series_in_day_order()
    {
        var series = Assert.Single(AzureTraceReader.ReadMinutes(RepositoryTraces.OneFunction14Days));

        Assert.Equal(14 * 1440, series.PerMinute.Length);
        Assert.Equal(154_118, series.Total);
        Assert.Equal(16_118, series.PerMinute.Take(1440).Sum());
    }

    [Fact]
    public void Durations_are_keyed_by_function_and_match_the_minute_file()
    {
        var durations = AzureTraceReader.ReadDurations(RepositoryTraces.FunctionsDay1);
        var series = AzureTraceReader.ReadMinutes(RepositoryTraces.MinuteDay1);

        Assert.Equal(300, durations.Count);
        Assert.All(series, s => Assert.True(durations.ContainsKey(s.Function), $"no durations for {s.Function}"));
        var busiest = durations[series[0].Function];
        Assert.True(busiest.P0Ms <= busiest.P50Ms && busiest.P50Ms <= busiest.P100Ms);
    }

    [Fact]
    public void A_bad_count_names_the_file_line_and_minute()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "HashFunction,Trigger," + string.Join(',', Enumerable.Range(1, 1440)) + "\n"
                                + "abc,http," + string.Join(',', Enumerable.Repeat("1", 6)) + ",x," + string.Join(',', Enumerable.Repeat("0", 1433)) + "\n");

        var error = Assert.Throws<TraceFormatException>(() => AzureTraceReader.ReadMinutes(path));

        Assert.Contains(":2: minute 7 = 'x'", error.Message);
    }
}
