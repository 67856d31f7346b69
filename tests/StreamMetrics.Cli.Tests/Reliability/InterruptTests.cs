using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// A command that Ctrl-C or SIGTERM interrupts while it waits for something that may never come (here: <c>produce -</c>
/// waiting for its next input line) stops at once, says so in one line, and exits with the shell's code for that signal.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class InterruptTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [SkippableTheory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task Produce_waiting_for_standard_input_stops_on_the_first_signal(string signal, int exitCode)
    {
        InheritedSignals.SkipIfIgnored(signal);
        using var cluster = EmbeddedKafkaCluster.Start();
        await new EmbeddedTopicAdmin(cluster).EnsureTopicsAsync([new TopicSpec(StandardTopics.Events, 1)], CancellationToken.None);
        using var produce = ServiceProcess.StartNamed("produce", "produce", "-", "-b", cluster.BootstrapServers);
        await produce.Input.WriteLineAsync("""{"type":"checkout","key":"o-1"}""");
        await produce.Input.FlushAsync();
        // The line is published: produce is past its start and waits for the next line.
        await Eventually.True(() => TopicContents.ReadAll(cluster.BootstrapServers, StandardTopics.Events, Timeout).Count == 1,
            () => $"the first line was not published:\n{produce.Error}", Timeout);

        await produce.SignalAsync(signal);
        var exit = await produce.WaitForExitAsync(Timeout);

        Assert.True(exit == exitCode, $"exit code {exit} after SIG{signal}:\n{produce.Error}");
        Assert.Contains("stopped: produce was interrupted before it finished", produce.Error);
    }
}
