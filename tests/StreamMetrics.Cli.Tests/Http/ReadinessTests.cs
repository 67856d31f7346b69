using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamMetrics.Hosting;
using StreamMetrics.Hosting.Http;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Topics;
using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Cli.Tests.Http;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Two_instances_in_one_group_serve_their_own_endpoints_and_the_one_without_a_partition_is_not_ready()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var unique = Guid.NewGuid().ToString("N")[..8];
        // One input partition for two members: one of them owns nothing.
        cluster.CreateTopic($"events-{unique}", 1);
        cluster.CreateTopic($"state-{unique}", 1);
        var options = new ServiceOptions
        {
            BootstrapServers = cluster.BootstrapServers, InputTopic = $"events-{unique}", Group = $"group-{unique}", ForecasterStateTopic = $"state-{unique}",
        };
        var hostOptions = new ServiceHostOptions { LogLevel = LogLevel.Warning, Http = new OperatorHttpOptions { Endpoint = new IPEndPoint(IPAddress.Loopback, 0) } };
        using var first = ServiceHost.Build(options, TopicAdmins.For(KafkaClients.For(cluster.BootstrapServers), cluster), TimeProvider.System, hostOptions);
        using var second = ServiceHost.Build(options, TopicAdmins.For(KafkaClients.For(cluster.BootstrapServers), cluster), TimeProvider.System, hostOptions);
        await first.StartAsync();
        await second.StartAsync();
        using var http = new HttpClient();

        Assert.NotEqual(first.HttpAddress()!.Port, second.HttpAddress()!.Port);
        var watch = Stopwatch.StartNew();
        List<(HttpStatusCode Status, string Body)> answers;
        do
        {
            answers = [await ReadyAsync(http, first), await ReadyAsync(http, second)];
            if (watch.Elapsed > TimeSpan.FromSeconds(30))
                Assert.Fail($"after 30 s: {string.Join("; ", answers)}");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        while (answers.Count(a => a.Status == HttpStatusCode.OK) != 1);

        var idle = Assert.Single(answers, a => a.Status != HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, idle.Status);
        Assert.Contains("no input partition is assigned to this instance", idle.Body);
        await second.StopAsync();
        await first.StopAsync();
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadyAsync(HttpClient http, IHost host)
    {
        using var response = await http.GetAsync(new Uri(host.HttpAddress()!, "readyz"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
