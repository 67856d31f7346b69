using Akka.Actor;
using Akka.Event;
using Microsoft.Extensions.DependencyInjection;
using StreamMetrics.Cli.Tests.Commands;
using StreamMetrics.Hosting;
using StreamMetrics.Hosting.Commands;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Topics;
using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Cli.Tests.Hosting;

/// <summary>These tests replace the process's standard output and error, so no other test runs beside them.</summary>
[CollectionDefinition(nameof(ConsoleCapture), DisableParallelization = true)]
public sealed class ConsoleCapture;

[Collection(nameof(ConsoleCapture))]
public sealed class ServiceHostTests
{
    [Fact]
    public async Task Akka_warnings_go_to_the_hosts_log_on_standard_error_and_never_to_standard_output()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var unique = Guid.NewGuid().ToString("N")[..8];
        var options = new ServiceOptions { BootstrapServers = cluster.BootstrapServers, InputTopic = $"events-{unique}", Group = $"group-{unique}" };
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (realOut, realError) = (Console.Out, Console.Error);
        Console.SetOut(TextWriter.Synchronized(stdout));
        Console.SetError(TextWriter.Synchronized(stderr));
        try
        {
            using var host = ServiceHost.Build(options, TopicAdmins.For(KafkaClients.For(cluster.BootstrapServers), cluster), TimeProvider.System, new ServiceHostOptions());
            await host.StartAsync();
            Assert.Equal(0, host.Service().Components.Counters.EventsProcessed);

            host.Services.GetRequiredService<ActorSystem>().Log.Warning("akka-probe-{0}", unique);
            await Eventually.True(() => stderr.ToString().Contains($"akka-probe-{unique}"), "the Akka warning on standard error", TimeSpan.FromSeconds(20));
            await host.StopAsync();
        }
        finally
        {
            Console.SetOut(realOut);
            Console.SetError(realError);
        }

        Assert.DoesNotContain($"akka-probe-{unique}", stdout.ToString());
        Assert.DoesNotContain("[WARNING]", stdout.ToString());
    }

    [Fact]
    public async Task Stopping_the_host_drains_the_service_and_stops_its_actor_system_after_it()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        var unique = Guid.NewGuid().ToString("N")[..8];
        var options = new ServiceOptions { BootstrapServers = cluster.BootstrapServers, InputTopic = $"events-{unique}", Group = $"group-{unique}" };
        using var host = ServiceHost.Build(options, TopicAdmins.For(KafkaClients.For(cluster.BootstrapServers), cluster), TimeProvider.System, new ServiceHostOptions());
        await host.StartAsync();
        var service = host.Service();
        var system = host.Services.GetRequiredService<ActorSystem>();

        await host.StopAsync();

        Assert.True(service.Completion.IsCompletedSuccessfully, "the stream ended by the drain, not by the actor system's end");
        await system.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Theory]
    [InlineData("0ms")]
    [InlineData("5m")]
    public async Task A_shutdown_timeout_out_of_range_is_refused_naming_the_value_and_the_range(string value)
    {
        var run = await CommandRun.InvokeAsync(ServiceCommands.Create().Single(c => c.Name == "run"), ["run", "--shutdown-timeout", value]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"--shutdown-timeout = {value}, must be between 1s and 2m", run.Error);
    }
}
