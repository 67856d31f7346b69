using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Core.Tests.Forecasting;

public sealed class SnapshotTests
{
    [Theory]
    [MemberData(nameof(ModelStructureTests.AllModels), MemberType = typeof(ModelStructureTests))]
    public void Snapshot_then_restore_gives_bit_identical_next_forecasts(string name)
    {
        var options = new ForecastModelOptions { SeasonLength = 48 };
        var series = SyntheticSeries.RandomWalk(400, 100, 15, seed: 9);
        var original = ForecastModels.Create(name, options);
        foreach (var value in series.Take(300))
            original.Observe(value);

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            original.WriteState(writer);
        stream.Position = 0;
        var restored = ForecastModels.Create(name, options);
        using (var reader = new BinaryReader(stream))
            restored.ReadState(reader);

        foreach (var value in series.Skip(300))
        {
            for (var h = 1; h <= 15; h++)
                Assert.Equal(original.Predict(h), restored.Predict(h));
            original.Observe(value);
            restored.Observe(value);
        }
    }

    [Fact]
    public void Load_forecaster_state_moves_to_a_new_forecaster_and_continues_identically()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
        var options = new LoadForecasterOptions();
        var factory = ForecastModels.Factory(ForecastModels.Auto, new ForecastModelOptions { SeasonLength = 60 });
        var old = new LoadForecaster(options, factory, time);
        var random = new Random(21);
        for (var minute = 0; minute < 240; minute++)
        {
            var arrivals = 20 + (int)(15 * Math.Sin(minute / 10.0)) + random.Next(0, 5);
            for (var i = 0; i < arrivals; i++)
                old.Observe("orders");
            time.Advance(TimeSpan.FromMinutes(1));
        }
        old.Observe("orders");
        var snapshot = old.SaveState("orders");
        Assert.NotNull(snapshot);

        var successor = new LoadForecaster(options, factory, time);
        successor.RestoreState("orders", snapshot);
        for (var minute = 0; minute < 30; minute++)
        {
            for (var i = 0; i < 10 + minute; i++)
                Assert.Equal(old.Observe("orders"), successor.Observe("orders"));
            time.Advance(TimeSpan.FromMinutes(1));
            for (var h = 1; h <= 15; h++)
            {
                Assert.True(old.TryPredict("orders", h, out var expected));
                Assert.True(successor.TryPredict("orders", h, out var actual));
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void An_offline_state_continues_at_the_current_bucket()
    {
        var options = new ForecastModelOptions();
        var model = ForecastModels.Create(ForecastModels.Ewma, options);
        foreach (var value in new double[] { 10, 20, 30 })
            model.Observe(value);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero));
        var forecaster = new LoadForecaster(new LoadForecasterOptions(), ForecastModels.Factory(ForecastModels.Ewma, options), time);
        forecaster.RestoreState("f", ForecasterState.Encode(null, 0, model));
        Assert.True(forecaster.TryPredict("f", 1, out var forecast));
        Assert.Equal(model.Predict(1), forecast);
    }

    [Fact]
    public void The_snapshot_of_a_type_gone_idle_is_small()
    {
        var options = new ForecastModelOptions();
        var auto = ForecastModels.Create(ForecastModels.Auto, options);
        foreach (var value in SyntheticSeries.RandomWalk(500, 100, 15, seed: 12))
            auto.Observe(value);
        var busy = ForecasterState.Encode(null, 0, auto).Length;
        // The longest history kept is holt-winters' two seasons; once all of it is empty and it refitted, nothing is left to write.
        for (var t = 0; t < 2 * options.SeasonLength + options.HoltWintersRefitEvery; t++)
            auto.Observe(0);
        var idle = ForecasterState.Encode(null, 0, auto).Length;
        Assert.True(busy > 4096, $"busy snapshot {busy} bytes");
        Assert.InRange(idle, 1, 1024);
    }

    [Fact]
    public void Restoring_a_state_of_another_model_is_refused_with_both_names()
    {
        var options = new ForecastModelOptions();
        var bytes = ForecasterState.Encode(5, 1, ForecastModels.Create(ForecastModels.Naive, options));
        var error = Assert.Throws<InvalidDataException>(() => ForecasterState.Decode(bytes, ForecastModels.Create(ForecastModels.Ssa, options)));
        Assert.Contains("naive", error.Message);
        Assert.Contains("ssa", error.Message);
    }
}
