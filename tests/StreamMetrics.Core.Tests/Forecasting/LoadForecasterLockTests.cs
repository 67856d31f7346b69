using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Core.Tests.Forecasting;

public sealed class LoadForecasterLockTests
{
    [Fact]
    public async Task Counting_one_type_does_not_wait_while_another_types_model_is_updated()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
        var slow = new BlockingModel();
        var forecaster = new LoadForecaster(new LoadForecasterOptions(), type => type == "slow" ? slow : new BlockingModel(), time);
        forecaster.Observe("fast");
        forecaster.Observe("slow");
        slow.Blocks = true;
        time.Advance(forecaster.BucketLength);

        // The scaling actor closes every type's bucket; the slow type's model update holds it there.
        var snapshot = Task.Run(forecaster.Snapshot);
        await slow.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var counted = Task.Run(() => forecaster.Observe("fast"));
        var finished = await Task.WhenAny(counted, Task.Delay(TimeSpan.FromSeconds(30)));
        slow.Release.Set();
        await snapshot;

        Assert.Same(counted, finished);
        Assert.Equal(1, (await counted).ArrivalsInBucket);
    }

    private sealed class BlockingModel : IForecastModel
    {
        public bool Blocks { get; set; }
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ManualResetEventSlim Release { get; } = new();

        public string Name => "blocking";

        public void Observe(double count)
        {
            if (!Blocks)
                return;
            Entered.TrySetResult();
            Release.Wait();
        }

        public Forecast Predict(int horizon) => Forecast.Exact(0);
    }
}
