using StreamMetrics.Cli.Tests.Watching;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Metrics;
using StreamMetrics.Hosting.Commands;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Messaging;
using StreamMetrics.Kafka.Serialization;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Cli.Tests.Commands;

public sealed class WatchLiveTests
{
    [Fact]
    public async Task Watch_table_without_a_topic_prints_a_line_per_event_type_from_the_operators_topics_when_redirected()
    {
        using var cluster = EmbeddedKafkaCluster.Start(brokers: 1);
        cluster.CreateTopic(StandardTopics.Forecasts, 2);
        cluster.CreateTopic(StandardTopics.Scaling, 1);
        cluster.CreateTopic("metrics.standard", 2);
        cluster.CreateTopic(StandardTopics.Events, 1);
        var now = DateTimeOffset.UtcNow;
        using (var publisher = new RecordPublisher(KafkaClients.For(cluster.BootstrapServers)))
        {
            for (var i = 0; i < 3; i++)
            {
                var forecast = new TypeForecast("checkout", now.AddSeconds(-5), TimeSpan.FromSeconds(10), 10 + 20 * i, new Forecast(50, 30, 80));
                await publisher.PublishAsync(StandardTopics.Forecasts, "checkout",
                    AvroCodecs.Forecast.Encode(forecast, new TypeStatus("standard", 4, 1, 6), now.AddSeconds(-3 + i)), CancellationToken.None);
            }
            await publisher.PublishAsync(StandardTopics.Scaling, "pool",
                AvroCodecs.ScalingDecision.Encode(WatchRecords.Decision("pool", 9, 0).Decision, 8, "reactive", now), CancellationToken.None);
            await publisher.PublishAsync("metrics.standard", "checkout",
                AvroCodecs.MetricSample.Encode(new MetricSample("checkout", "standard", "latency_ms", 2, now, "i-1")), CancellationToken.None);
            await publisher.PublishAsync(StandardTopics.Events, "checkout", [1, 2, 3], CancellationToken.None);
        }

        // The forecasts and decisions written before it started are read back, so one refresh shows them.
        var run = await CommandRun.InvokeAsync(WatchCommand.Create(),
            ["watch", "-b", cluster.BootstrapServers, "--format", "table", "--count", "1", "--refresh", "1s"]);

        Assert.True(run.ExitCode == 0, run.Error);
        var checkout = run.Output.Split('\n').SingleOrDefault(line => line.Contains(" checkout: "));
        Assert.True(checkout is not null, $"no line for checkout in:\n{run.Output}\n{run.Error}");
        // 10 arrivals in the 2 s from the bucket's start to the first forecast, then 20 in each second.
        Assert.Contains("actual 12.5/s", checkout);
        Assert.Contains("predicted 5.0/s (3.0..8.0)", checkout);
        Assert.Contains("profile standard, instances 4 (1 busy), cold starts 6", checkout);
        Assert.Contains("pool parallelism 9 (was 8), reactive", run.Output);
        Assert.Contains("on forecasts, metrics.standard, scaling", run.Error);

        // The embedded cluster cannot look offsets up by time, so the metric record shows from the beginning.
        var all = await CommandRun.InvokeAsync(WatchCommand.Create(),
            ["watch", "-b", cluster.BootstrapServers, "--format", "table", "--count", "1", "--refresh", "1s", "--from-beginning"]);

        Assert.Contains("metric records/s standard", all.Output);
        Assert.Contains("5 records read, 0 of them undecodable", all.Output);
    }

    [Fact]
    public async Task Watch_json_still_needs_a_topic_and_says_what_table_does_without_one()
    {
        var run = await CommandRun.InvokeAsync(WatchCommand.Create(), ["watch", "-b", "127.0.0.1:9", "--count", "1"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--topic is required with --format json", run.Error);
        Assert.Contains("--format table without --topic", run.Error);
    }

    [Theory]
    [InlineData("50ms", "--refresh = 50ms, must be between 100ms and 1h")]
    [InlineData("2h", "--refresh = 7200000ms, must be between 100ms and 1h")]
    public async Task A_refresh_outside_its_range_is_named(string value, string message)
    {
        var run = await CommandRun.InvokeAsync(WatchCommand.Create(), ["watch", "-b", "127.0.0.1:9", "-f", "table", "--refresh", value]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.Error);
    }
}
