using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Confluent.Kafka;
using Microsoft.Extensions.Time.Testing;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Profiles;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Pipeline.Graph;

namespace StreamMetrics.Pipeline.Tests.Graph;

public sealed class ForecastAndConfigureStagesTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly ProfileSelectorOptions Thresholds = new() { Low = 2, Medium = 5, Hysteresis = 0 };

    [Fact]
    public void Events_keep_their_order_and_get_the_profile_of_their_types_forecast()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));
        var forecaster = new LoadForecaster(new LoadForecasterOptions { BucketLength = TimeSpan.FromSeconds(1) },
            ForecastModels.Factory(ForecastModels.Naive, new ForecastModelOptions()), time);
        var counters = new PipelineCounters();
        using var latencies = new StageLatencies(time);
        var forecast = new ForecastStage(forecaster, new ClockReader(time), latencies);
        var configure = new ConfigureStage(new ProfileSelector(ProfileCatalog.BuiltIn, Thresholds), counters, latencies);

        var (source, sink) = this.SourceProbe<PipelineEvent>()
            .Select(forecast.Tag)
            .Select(configure.Attach)
            .ToMaterialized(this.SinkProbe<PipelineEvent>(), Keep.Both)
            .Run(Sys.Materializer());
        sink.Request(100);

        // First second: 10 "busy" and 1 "quiet"; nothing is known yet, so both start at minimal.
        for (var i = 0; i < 10; i++)
            source.SendNext(Decoded("busy", i));
        source.SendNext(Decoded("quiet", 10));
        var first = sink.ExpectNextN(11);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (long)i), first.Select(e => e.Message.Offset.Value));
        Assert.All(first, e => Assert.Equal("minimal", e.Config!.Profile.Name));

        // Next second: the naive forecast of "busy" is 10/s (debug), of "quiet" 1/s (minimal).
        time.Advance(TimeSpan.FromSeconds(1));
        source.SendNext(Decoded("busy", 11));
        source.SendNext(Decoded("quiet", 12));
        var second = sink.ExpectNextN(2).ToList();
        Assert.Equal("debug", second[0].Config!.Profile.Name);
        Assert.Equal("minimal", second[1].Config!.Profile.Name);
        Assert.Equal("debug", counters.ProfileByType["busy"]);

        source.SendComplete();
        sink.ExpectComplete();
    }

    private static PipelineEvent Decoded(string type, long offset)
    {
        var decoded = new PipelineEventPool().Take(new ConsumedMessage(new TopicPartition("events", 0), offset, null, [], DateTimeOffset.UnixEpoch));
        decoded.Event = new StreamEvent(type, $"k{offset}", DateTimeOffset.UnixEpoch, null);
        return decoded;
    }
}
