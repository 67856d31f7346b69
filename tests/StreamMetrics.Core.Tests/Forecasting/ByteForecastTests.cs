using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Core.Tests.Forecasting;

/// <summary>Each type's payload bytes per bucket are forecast beside its arrivals, by a model of the same kind.</summary>
public sealed class ByteForecastTests
{
    private static readonly ForecastModelOptions Models = new() { SeasonLength = 60 };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));

    private LoadForecaster Forecaster(string model = ForecastModels.Auto) =>
        new(new LoadForecasterOptions(), ForecastModels.Factory(model, Models), _time);

    [Fact]
    public void Two_types_with_the_same_arrivals_and_different_payloads_get_the_same_rate_and_bytes_in_proportion()
    {
        var forecaster = Forecaster();
        TypeForecast small = null!, large = null!;
        for (var minute = 0; minute < 120; minute++)
        {
            for (var i = 0; i < 30; i++)
            {
                small = forecaster.Observe("small", 100);
                large = forecaster.Observe("large", 10_000);
            }
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(small.NextBucket, large.NextBucket);
        Assert.Equal(30 * 100, small.Bytes?.InBucket);
        Assert.Equal(30 * 10_000, large.Bytes?.InBucket);
        Assert.InRange(small.Bytes!.Value.NextBucket.Point, 0.95 * 3_000, 1.05 * 3_000);
        Assert.InRange(large.Bytes!.Value.NextBucket.Point, 0.95 * 300_000, 1.05 * 300_000);
        Assert.InRange(large.BytesPerSecond!.Value.Point, 0.95 * 5_000, 1.05 * 5_000);
        Assert.True(large.Bytes.Value.NextBucket.Lower <= large.Bytes.Value.NextBucket.Point);
        Assert.True(large.Bytes.Value.NextBucket.Upper >= large.Bytes.Value.NextBucket.Point);
    }

    [Fact]
    public void Events_without_payload_forecast_zero_bytes()
    {
        var forecaster = Forecaster(ForecastModels.Ewma);
        for (var minute = 0; minute < 10; minute++)
        {
            forecaster.Observe("ping");
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        var forecast = forecaster.Observe("ping");
        Assert.Equal(new ByteForecast(0, Forecast.Exact(0)), forecast.Bytes);
        Assert.True(forecast.NextBucket.Point > 0);
    }

    [Fact]
    public void The_bytes_bounds_hold_about_95_percent_of_buckets_of_random_payload_sizes()
    {
        var forecaster = Forecaster();
        var random = new Random(5);
        int inside = 0, scored = 0;
        Forecast? pending = null;
        for (var minute = 0; minute < 1500; minute++)
        {
            var arrivals = 20 + (int)(10 * Math.Sin(2 * Math.PI * minute / 60)) + random.Next(0, 6);
            long bytes = 0;
            for (var i = 0; i < arrivals; i++)
            {
                var size = random.Next(500, 3_000);
                bytes += size;
                forecaster.Observe("orders", size);
            }
            if (pending is { } forecast && minute >= 300)
            {
                scored++;
                if (bytes >= forecast.Lower && bytes <= forecast.Upper)
                    inside++;
            }
            _time.Advance(TimeSpan.FromMinutes(1));
            pending = forecaster.Snapshot().Single().Bytes?.NextBucket;
        }

        Assert.InRange(inside / (double)scored, 0.90, 0.99);
    }

    [Fact]
    public void A_type_keeps_both_models_under_64_KB_after_days_of_busy_buckets()
    {
        var forecaster = Forecaster();
        var random = new Random(13);
        var maximum = 0;
        for (var minute = 0; minute < 3 * 1440 + 100; minute++)
        {
            var arrivals = random.Next(1, 40);
            for (var i = 0; i < arrivals; i++)
                forecaster.Observe("busy", random.Next(100, 5_000));
            _time.Advance(TimeSpan.FromMinutes(1));
            if (minute % 500 == 0)
                maximum = Math.Max(maximum, forecaster.StateBytes("busy"));
        }
        forecaster.Snapshot();
        maximum = Math.Max(maximum, forecaster.StateBytes("busy"));

        Assert.InRange(maximum, 1, 64 * 1024);
    }

    [Fact]
    public void Payload_bytes_move_with_the_state_to_a_new_forecaster_and_continue_identically()
    {
        var old = Forecaster();
        var random = new Random(3);
        for (var minute = 0; minute < 150; minute++)
        {
            for (var i = 0; i < 10 + minute % 7; i++)
                old.Observe("orders", random.Next(100, 900));
            _time.Advance(TimeSpan.FromMinutes(1));
        }
        old.Observe("orders", 400);

        var successor = Forecaster();
        successor.RestoreState("orders", old.SaveState("orders")!);

        for (var minute = 0; minute < 20; minute++)
        {
            var size = random.Next(100, 900);
            var expected = old.Observe("orders", size);
            Assert.Equal(expected, successor.Observe("orders", size));
            Assert.NotEqual(0, expected.Bytes!.Value.NextBucket.Point);
            _time.Advance(TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public void A_snapshot_written_before_bytes_were_forecast_restores_its_arrivals_and_starts_the_bytes_afresh()
    {
        var old = Forecaster();
        for (var minute = 0; minute < 90; minute++)
        {
            for (var i = 0; i < 10 + minute % 5; i++)
                old.Observe("orders", 1_000);
            _time.Advance(TimeSpan.FromMinutes(1));
        }
        old.Observe("orders", 1_000);
        var arrivalsModel = ForecastModels.Create(ForecastModels.Auto, Models);
        var current = ForecasterState.Decode(old.SaveState("orders")!, arrivalsModel);

        var successor = Forecaster();
        successor.RestoreState("orders", VersionOneSnapshot(current.Bucket!.Value, current.Arrivals, arrivalsModel));

        var restored = successor.Observe("orders", 1_000);
        Assert.Equal(old.Observe("orders", 1_000).NextBucket, restored.NextBucket);
        Assert.Equal(current.Arrivals + 1, restored.ArrivalsInBucket);
        // The bytes model knows only the event counted since the restore.
        Assert.Equal(1_000, restored.Bytes?.InBucket);
        Assert.Equal(0, restored.Bytes?.NextBucket.Point);
        for (var minute = 0; minute < 10; minute++)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            for (var i = 0; i < 10; i++)
                restored = successor.Observe("orders", 1_000);
        }
        Assert.InRange(restored.Bytes!.Value.NextBucket.Point, 5_000, 15_000);
    }

    [Fact]
    public void A_snapshot_of_an_unknown_version_is_refused_naming_the_versions_read()
    {
        var snapshot = ForecasterState.Encode(3, 1, ForecastModels.Create(ForecastModels.Naive, Models));
        snapshot[0] = 9;

        var error = Assert.Throws<InvalidDataException>(() => ForecasterState.Decode(snapshot, ForecastModels.Create(ForecastModels.Naive, Models)));
        Assert.Contains("version 9, this build reads versions 1 and 2", error.Message);
    }

    /// <summary>The snapshot format of a forecaster that counted arrivals alone: version 1, the arrivals model last.</summary>
    private static byte[] VersionOneSnapshot(long bucket, long arrivals, ISavableForecastModel model)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write((byte)1);
            writer.Write(true);
            writer.Write(bucket);
            writer.Write(arrivals);
            writer.Write(model.Name);
            model.WriteState(writer);
        }
        return stream.ToArray();
    }
}
