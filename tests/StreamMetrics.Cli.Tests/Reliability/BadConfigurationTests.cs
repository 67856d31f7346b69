using System.Diagnostics;
using StreamMetrics.Cli.Tests.Commands;
using StreamMetrics.Hosting.Commands;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Topics;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// <c>run</c> given a malformed configuration or a cluster it cannot use: exit code 2 and one line naming the value and
/// the fix, no stack trace; a wait for the cluster is announced before it starts and ends within <c>--connect-timeout</c>.
/// Malformed command-line values of every command are in <c>UserErrorTests</c>.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class BadConfigurationTests
{
    [Theory]
    [InlineData("""{ "pool": { "coldStart": "-1s" } }""", "pool.coldStart = '-1s' is not a duration")]
    [InlineData("""{ "functions": { "*": { "function": "synthetic", "durationMs": -5 } } }""", "durationMs = -5, must be between 0 and")]
    [InlineData("""{ "selection": { "types": { "checkout": { "pin": "audit" } } } }""", "checkout.pin = 'audit' is not a defined profile; known profiles: minimal")]
    [InlineData("""{ "selection": { "low": 50, "medium": 5 } }""", "medium = 5, must be a number greater than selection.low = 50")]
    [InlineData("""{ "selection": { "lowest": 1 } }""", "selection.lowest: unknown key; allowed keys here: by, low, medium")]
    [InlineData("""{ "kafka": { "group.id": "mine" } }""", "group.id")]
    public async Task A_malformed_config_file_gives_exit_code_2_and_one_line_naming_the_value(string json, string expected)
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        try
        {
            var run = await RunAsync($"run --config {file}");

            run.AssertUserError(expected);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("run --connect-timeout 0s", "--connect-timeout = 0ms, must be between 1s and 5m")]
    [InlineData("run --connect-timeout -3s", "--connect-timeout = '-3s' is not a duration")]
    [InlineData("run --state-checkpoint-interval 2h", "--state-checkpoint-interval = 2h, must be between 1s and 1h")]
    public async Task A_wait_out_of_range_gives_exit_code_2_and_one_line_naming_it(string args, string expected)
    {
        (await RunAsync(args)).AssertUserError(expected);
    }

    [Fact]
    public async Task An_unreachable_cluster_is_announced_at_once_and_fails_within_the_connect_timeout()
    {
        var watch = Stopwatch.StartNew();
        var run = await RunAsync("run -b 127.0.0.1:1 --connect-timeout 2s");

        Assert.Equal(UserErrors.ExitCode, run.ExitCode);
        var lines = run.Error.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("connecting: waiting up to 2s (--connect-timeout) for Kafka at 127.0.0.1:1", lines[0]);
        Assert.StartsWith("error: cannot reach Kafka at --bootstrap-servers '127.0.0.1:1' within 2s", lines[1]);
        // Generous: the point is that the wait is the one given, not the minute a missing answer used to take.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed.TotalSeconds:0} s");
    }

    /// <summary>
    /// A user-defined profile whose topic the cluster does not have and cannot create (a <c>broker</c> cluster): the
    /// wait is said on standard error before it starts, and the error follows within the connect timeout.
    /// </summary>
    [Fact]
    public async Task A_missing_profile_topic_is_announced_at_once_and_fails_within_the_connect_timeout()
    {
        using var cluster = EmbeddedKafkaCluster.Start();
        await new EmbeddedTopicAdmin(cluster).EnsureTopicsAsync(StandardTopics.All(StandardTopics.BuiltInProfiles.Select(p => (p, (TimeSpan?)null))), CancellationToken.None);
        var config = Path.Combine(Path.GetTempPath(), $"audit-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """{ "profiles": { "audit": { "retention": "1d", "metrics": { "latency_ms": "every" } } } }""");
        try
        {
            using var service = ServiceProcess.Start("run", "-b", cluster.BootstrapServers, "--config", config, "--connect-timeout", "3s");
            await service.WaitForErrorLineAsync("creating topics metrics.audit", TimeSpan.FromSeconds(60));
            var waiting = Stopwatch.StartNew();
            var exit = await service.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.True(exit == UserErrors.ExitCode, service.Error);
            Assert.Contains("waiting up to 3s", service.Error);
            var error = Assert.Single(service.Error.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
            Assert.Contains("did not create the missing topics metrics.audit", error);
            Assert.Contains("create them on the cluster first", error);
            Assert.DoesNotContain("   at ", service.Error);
            Assert.True(waiting.Elapsed < TimeSpan.FromSeconds(30), $"the error came {waiting.Elapsed.TotalSeconds:0} s after the wait was announced");
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static Task<CommandRun> RunAsync(string args) => CommandRun.InvokeAsync(args);
}
