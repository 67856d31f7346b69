using StreamMetrics.Hosting.Watching;
using StreamMetrics.Kafka.Serialization;
using static StreamMetrics.Cli.Tests.Watching.WatchRecords;

namespace StreamMetrics.Cli.Tests.Watching;

public sealed class TypeStatusBoardTests
{
    private readonly TypeStatusBoard _board = new(TimeSpan.FromSeconds(5));

    private TypeStatusRow RowOf(string type, double at = 10) => _board.Snapshot(Start.AddSeconds(at)).Rows.Single(r => r.EventType == type);

    [Fact]
    public void The_actual_rate_is_the_arrivals_between_forecasts_over_the_time_between_them()
    {
        _board.Add(Forecast("checkout", at: 1, arrivals: 10), Start.AddSeconds(1));
        _board.Add(Forecast("checkout", at: 2, arrivals: 30), Start.AddSeconds(2));
        _board.Add(Forecast("checkout", at: 3, arrivals: 70), Start.AddSeconds(3));

        // The first forecast, 1 s into its bucket, counts too: 70 arrivals in 3 s.
        Assert.Equal(70 / 3.0, RowOf("checkout").ActualPerSecond!.Value, 6);
    }

    [Fact]
    public void A_new_bucket_counts_its_arrivals_since_its_start_and_old_pieces_leave_the_window()
    {
        _board.Add(Forecast("checkout", at: 8, arrivals: 800, bucket: 0), Start.AddSeconds(8));
        _board.Add(Forecast("checkout", at: 9, arrivals: 900, bucket: 0), Start.AddSeconds(9));
        _board.Add(Forecast("checkout", at: 11, arrivals: 10, bucket: 10), Start.AddSeconds(11));
        _board.Add(Forecast("checkout", at: 15, arrivals: 50, bucket: 10), Start.AddSeconds(15));

        // Left in the 5 s window before 15 s: 10 arrivals over 1 s, then 40 over 4 s.
        Assert.Equal(10.0, RowOf("checkout", at: 15).ActualPerSecond!.Value, 6);
    }

    [Fact]
    public void A_type_silent_since_its_last_forecast_counts_the_silence_as_time_without_arrivals()
    {
        _board.Add(Forecast("checkout", at: 1, arrivals: 10), Start.AddSeconds(1));
        _board.Add(Forecast("checkout", at: 2, arrivals: 30), Start.AddSeconds(2));
        // The writer publishes a type only when it has news: at 6 s only search had any.
        _board.Add(Forecast("search", at: 6, arrivals: 60), Start.AddSeconds(6));

        // In the 5 s window before 6 s: 20 arrivals in the second up to 2 s, then 4 s without any.
        Assert.Equal(4.0, RowOf("checkout").ActualPerSecond!.Value, 6);
        Assert.Equal(10.0, RowOf("search").ActualPerSecond!.Value, 6);
    }

    [Fact]
    public void A_row_quiet_for_less_than_two_of_its_buckets_is_not_stale()
    {
        var minute = new Core.Forecasting.TypeForecast("nightly", Start, TimeSpan.FromMinutes(1), 3, new Core.Forecasting.Forecast(3, 1, 6));
        _board.Add(new ForecastRecord(minute, Start.AddSeconds(1)), Start.AddSeconds(1));

        Assert.False(_board.Snapshot(Start.AddSeconds(100)).Rows.Single().Stale);
        Assert.True(_board.Snapshot(Start.AddSeconds(122)).Rows.Single().Stale);
    }

    [Fact]
    public void A_count_that_goes_down_comes_from_a_new_writer_and_starts_a_fresh_measurement()
    {
        _board.Add(Forecast("checkout", at: 1, arrivals: 500), Start.AddSeconds(1));
        _board.Add(Forecast("checkout", at: 2, arrivals: 100), Start.AddSeconds(2));
        _board.Add(Forecast("checkout", at: 3, arrivals: 110), Start.AddSeconds(3));

        Assert.Equal(10.0, RowOf("checkout").ActualPerSecond!.Value, 6);
    }

    [Fact]
    public void Prediction_bounds_profile_and_pool_come_from_the_latest_forecast_per_second_of_its_bucket()
    {
        _board.Add(Forecast("checkout", at: 1, arrivals: 10, point: 40, status: new TypeStatus("minimal", 1, 0, 1)), Start.AddSeconds(1));
        _board.Add(Forecast("checkout", at: 2, arrivals: 20, point: 60, status: new TypeStatus("standard", 4, 3, 9)), Start.AddSeconds(2));

        var row = RowOf("checkout");

        Assert.Equal(6.0, row.PredictedPerSecond);
        Assert.Equal(3.0, row.LowerPerSecond);
        Assert.Equal(12.0, row.UpperPerSecond);
        Assert.Equal("standard", row.Profile);
        Assert.Equal((4, 3, 9L), (row.Instances!.Value, row.Executing!.Value, row.ColdStarts!.Value));
    }

    [Fact]
    public void Without_a_profile_on_its_forecasts_a_type_shows_the_profile_of_its_metric_records()
    {
        _board.Add(Forecast("checkout", at: 1, arrivals: 10), Start.AddSeconds(1));
        _board.Add("metrics.debug", Sample("checkout", "debug", at: 1), Start.AddSeconds(1));

        var row = RowOf("checkout");

        Assert.Equal("debug", row.Profile);
        Assert.Null(row.Instances);
    }

    [Fact]
    public void Metric_records_per_second_are_counted_per_type_and_topic_over_the_complete_seconds_of_the_window()
    {
        for (var i = 0; i < 50; i++)
            _board.Add("metrics.debug", Sample("checkout", "debug", at: 0), Start.AddSeconds(5 + i / 10.0));
        _board.Add("metrics.minimal", Sample("search", "minimal", at: 0), Start.AddSeconds(9.5));
        // Still in the running second: not counted yet.
        _board.Add("metrics.debug", Sample("checkout", "debug", at: 0), Start.AddSeconds(10.2));

        var snapshot = _board.Snapshot(Start.AddSeconds(10.5));

        Assert.Equal(["metrics.debug", "metrics.minimal"], snapshot.MetricTopics);
        var checkout = snapshot.Rows.Single(r => r.EventType == "checkout");
        Assert.Equal(10.0, checkout.MetricRecordsPerSecond["metrics.debug"], 6);
        Assert.Equal(0.0, checkout.MetricRecordsPerSecond["metrics.minimal"]);
        Assert.Equal(0.2, snapshot.Rows.Single(r => r.EventType == "search").MetricRecordsPerSecond["metrics.minimal"], 6);
    }

    [Fact]
    public void Metric_rates_count_only_the_seconds_since_the_first_metric_record_was_read()
    {
        // Read from the end of the topics at 8 s: the window's first three seconds were never seen.
        for (var i = 0; i < 20; i++)
            _board.Add("metrics.debug", Sample("checkout", "debug", at: 0), Start.AddSeconds(8 + i / 10.0));

        var rate = _board.Snapshot(Start.AddSeconds(10.5)).Rows.Single().MetricRecordsPerSecond["metrics.debug"];

        Assert.Equal(10.0, rate, 6);
    }

    [Fact]
    public void Per_type_floors_fill_their_rows_and_the_pool_wide_decision_becomes_a_note()
    {
        _board.Add(Decision("checkout", 3, at: 1), Start.AddSeconds(1));
        _board.Add(Decision("checkout", 2, at: 2), Start.AddSeconds(2));
        _board.Add(Decision("pool", 14, at: 2, policy: "reactive"), Start.AddSeconds(2));

        var snapshot = _board.Snapshot(Start.AddSeconds(3));

        Assert.Equal(2, snapshot.Rows.Single().Floor);
        Assert.Contains("pool parallelism 14 (was 13), reactive: forecast upper 40/s", snapshot.Notes);
        Assert.Contains("3 records read, 0 of them undecodable", snapshot.Notes);
    }

    [Fact]
    public void Rows_are_in_name_order_and_a_type_with_nothing_new_for_a_while_is_marked_stale()
    {
        _board.Add(Forecast("search", at: 1, arrivals: 1), Start.AddSeconds(1));
        _board.Add(Forecast("checkout", at: 1, arrivals: 1), Start.AddSeconds(1));
        _board.Add(Forecast("checkout", at: 40, arrivals: 1, bucket: 40), Start.AddSeconds(40));

        var rows = _board.Snapshot(Start.AddSeconds(40)).Rows;

        Assert.Equal(["checkout", "search"], rows.Select(r => r.EventType));
        Assert.False(rows[0].Stale);
        Assert.True(rows[1].Stale);
    }

    [Fact]
    public void The_predicted_data_volume_comes_from_the_latest_forecast_per_second_of_its_bucket_and_is_unknown_without_one()
    {
        _board.Add(Forecast("upload", at: 1, arrivals: 1, bytes: 10_000), Start.AddSeconds(1));
        _board.Add(Forecast("upload", at: 2, arrivals: 2, bytes: 40_000), Start.AddSeconds(2));
        _board.Add(Forecast("ping", at: 2, arrivals: 2), Start.AddSeconds(2));

        Assert.Equal(new Core.Forecasting.Forecast(4_000, 2_000, 8_000), RowOf("upload").PredictedBytesPerSecond);
        Assert.Null(RowOf("ping").PredictedBytesPerSecond);
    }

    [Fact]
    public void A_type_no_forecast_has_named_yet_shows_nothing_it_does_not_know()
    {
        _board.AddUndecodable();
        _board.Add("metrics.minimal", Sample("audit-log", "minimal", at: 0), Start);

        var snapshot = _board.Snapshot(Start.AddSeconds(1));

        var row = snapshot.Rows.Single();
        Assert.Equal((null, null, null, null), (row.ActualPerSecond, row.PredictedPerSecond, row.Instances, row.ColdStarts));
        Assert.Null(row.PredictedBytesPerSecond);
        Assert.Contains("2 records read, 1 of them undecodable", snapshot.Notes);
    }
}
