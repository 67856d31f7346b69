using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Pipeline.State;

namespace StreamMetrics.Pipeline.Tests.State;

public sealed class ForecasterStateFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("forecaster-state-").FullName;

    [Fact]
    public void Offline_states_continue_at_the_current_bucket_with_the_trained_forecasts()
    {
        var trained = new Dictionary<string, ISavableForecastModel>();
        foreach (var (type, level) in new[] { ("orders", 20.0), ("clicks", 3.0) })
        {
            var model = ForecastModels.Create(ForecastModels.Auto, StateFixtures.Models);
            for (var t = 0; t < 48; t++)
                model.Observe(level * (1 + t % 12) + t % 5);
            File.WriteAllBytes(Path.Combine(_directory, type + ForecasterStateFiles.Extension), ForecasterState.Encode(null, 0, model));
            trained[type] = model;
        }
        File.WriteAllText(Path.Combine(_directory, "README.txt"), "not a state");
        var forecaster = new LoadForecaster(new LoadForecasterOptions { BucketLength = TimeSpan.FromSeconds(1) },
            ForecastModels.Factory(ForecastModels.Auto, StateFixtures.Models), new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(20000)));

        var restored = ForecasterStateFiles.LoadInto(forecaster, _directory);

        Assert.Equal(["clicks", "orders"], restored);
        foreach (var (type, model) in trained)
        {
            foreach (var horizon in new[] { 1, 4, 12 })
            {
                Assert.True(forecaster.TryPredict(type, horizon, out var forecast));
                Assert.Equal(model.Predict(horizon), forecast);
            }
        }

        Assert.False(forecaster.TryPredict("unknown", 1, out _));
    }

    [Fact]
    public void A_damaged_file_fails_with_its_name()
    {
        var file = Path.Combine(_directory, "orders" + ForecasterStateFiles.Extension);
        File.WriteAllBytes(file, [1, 2, 3]);
        var forecaster = new LoadForecaster(new LoadForecasterOptions(),
            ForecastModels.Factory(ForecastModels.Auto, StateFixtures.Models), new FakeTimeProvider());

        var error = Assert.Throws<InvalidDataException>(() => ForecasterStateFiles.LoadInto(forecaster, _directory));

        Assert.Contains(file, error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
