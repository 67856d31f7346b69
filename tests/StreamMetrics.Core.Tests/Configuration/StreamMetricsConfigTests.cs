using StreamMetrics.Core.Configuration;
using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Tests.Configuration;

public sealed class StreamMetricsConfigTests
{
    private static ConfigException Fails(string json) =>
        Assert.Throws<ConfigException>(() => StreamMetricsConfig.Parse(json, "streammetrics.json"));

    [Fact]
    public void Empty_object_is_the_default()
    {
        var config = StreamMetricsConfig.Parse("{}", "streammetrics.json");
        Assert.Equal(StreamMetricsConfig.Default.Profiles.All, config.Profiles.All);
        Assert.Equal(5, config.Selection.Low);
        Assert.Equal(50, config.Selection.Medium);
        Assert.Equal(0.2, config.Selection.Hysteresis);
        Assert.Equal(TimeSpan.FromMilliseconds(250), config.Pool.ColdStart);
        Assert.Equal(TimeSpan.FromSeconds(60), config.Pool.KeepAlive);
        Assert.Equal((64, 4), (config.Pool.MaxParallelism, config.Pool.InitialParallelism));
        Assert.Equal(FunctionCatalog.Synthetic, config.Functions.SpecFor("anything").Function);
        Assert.Empty(config.Kafka);
    }

    [Fact]
    public void The_example_file_at_the_repository_root_parses_to_what_it_says()
    {
        var path = RepositoryFiles.Path("streammetrics.example.json");
        var config = StreamMetricsConfig.Parse(File.ReadAllText(path), path);

        var audit = config.Profiles.Get("audit");
        Assert.Equal(TimeSpan.FromDays(7), audit.Retention);
        Assert.Equal(
            [new MetricRule("latency_ms", new SamplingRule.EveryEvent()), new MetricRule("payload_bytes", new SamplingRule.EveryNEvents(10)), new MetricRule("cpu_time_ms", new SamplingRule.EveryInterval(TimeSpan.FromSeconds(5)))],
            audit.Metrics);
        Assert.Equal(new TypeSelection(1, 10), config.Selection.Types["checkout"]);
        Assert.Equal(LoadMeasure.Rate, config.Selection.By);
        Assert.Equal(new TypeSelection(20_000, 500_000, By: LoadMeasure.Bytes), config.Selection.Types["image-upload"]);
        Assert.Equal("audit", config.Selection.Types["audit-log"].Pin);
        var checkout = config.Functions.SpecFor("checkout");
        Assert.Equal((TimeSpan.FromMilliseconds(20), SyntheticDistribution.Exponential, 7), (checkout.Synthetic!.Duration, checkout.Synthetic.Distribution, checkout.Synthetic.Seed));
        Assert.Equal(FunctionCatalog.Noop, config.Functions.SpecFor("ping").Function);
        Assert.Equal(FunctionCatalog.Echo, config.Functions.SpecFor("audit-log").Function);
        Assert.Equal(TimeSpan.FromMilliseconds(10), config.Functions.SpecFor("other").Synthetic!.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(250), config.Pool.ColdStart);
        Assert.Equal(new Dictionary<string, string> { ["socket.keepalive.enable"] = "true", ["reconnect.backoff.max.ms"] = "5000" }, config.Kafka);
        // The example's selection must be usable as is.
        Assert.Equal("audit", new ProfileSelector(config.Profiles, config.Selection).Select(new("audit-log", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1), 0, default)).Config.Profile.Name);
    }

    [Theory]
    [InlineData("""{ "profiles": { "audit": { "retention": "7d", "metrics": { "latency_ms": "each 10" } } } }""", "profiles.audit.metrics.latency_ms = 'each 10' is not a sampling rule")]
    [InlineData("""{ "profiles": { "audit": { "retention": "7d", "metrics": { "latency": "every" } } } }""", "profiles.audit.metrics.latency: unknown metric 'latency'; known metrics: latency_ms")]
    [InlineData("""{ "profiles": { "audit": { "retention": "7 days", "metrics": {} } } }""", "profiles.audit.retention = '7 days' is not a duration")]
    [InlineData("""{ "profiles": { "audit": { "retention": "10s", "metrics": {} } } }""", "profiles.audit.retention = 10s, must be between 1m and 3650d")]
    [InlineData("""{ "profiles": { "audit": { "metrics": {} } } }""", "profiles.audit.retention is missing")]
    [InlineData("""{ "profiles": { "audit": { "retention": "1d" } } }""", "profiles.audit.metrics is missing")]
    [InlineData("""{ "profiles": { "audit": { "retention": "1d", "metrics": {}, "retension": "2d" } } }""", "profiles.audit.retension: unknown key; allowed keys here: retention, metrics")]
    [InlineData("""{ "profiles": { "Audit": { "retention": "1d", "metrics": {} } } }""", "profiles.Audit = 'Audit' is not a profile name")]
    [InlineData("""{ "profiles": { "audit": { "retention": "1d", "metrics": { "latency_ms": 10 } } } }""", "profiles.audit.metrics.latency_ms = 10 must be a string")]
    [InlineData("""{ "profile": {} }""", "profile: unknown key; allowed keys here: profiles, selection, functions, pool")]
    [InlineData("""{ "selection": { "low": "5" } }""", "selection.low = '5' must be a number")]
    [InlineData("""{ "selection": { "low": 60 } }""", "selection.medium = 50, must be a number greater than selection.low = 60")]
    [InlineData("""{ "selection": { "hysteresis": 1.5 } }""", "selection.hysteresis = 1.5, must be at least 0 and below 1")]
    [InlineData("""{ "selection": { "types": { "audit-log": { "pin": "audit" } } } }""", "selection.types.audit-log.pin = 'audit' is not a defined profile; known profiles: minimal, standard, debug")]
    [InlineData("""{ "selection": { "types": { "checkout": { "lo": 1 } } } }""", "selection.types.checkout.lo: unknown key; allowed keys here: by, low, medium, pin")]
    [InlineData("""{ "selection": { "by": "volume" } }""", "selection.by = 'volume' is not allowed: use one of rate, bytes")]
    [InlineData("""{ "selection": { "types": { "upload": { "by": "Bytes" } } } }""", "selection.types.upload.by = 'Bytes' is not allowed: use one of rate, bytes")]
    [InlineData("""{ "selection": { "by": 1 } }""", "selection.by = 1 must be a string: rate, bytes")]
    [InlineData("""{ "selection": { "types": { "upload": { "by": "bytes", "low": 1000 } } } }""", "selection.types.upload.by = bytes differs from selection.by = rate, so the type needs its own 'low' and 'medium' (in payload bytes per second)")]
    [InlineData("""{ "selection": { "types": { "audit-log": { "pin": "debug", "by": "bytes" } } } }""", "selection.types.audit-log: a pinned type ignores load, so 'pin' and 'low'/'medium'/'by' cannot be combined")]
    [InlineData("""{ "selection": { "types": { "checkout": { "pin": "debug", "low": 1 } } } }""", "selection.types.checkout: a pinned type ignores load")]
    [InlineData("""{ "functions": { "checkout": { "function": "sleep" } } }""", "functions.checkout.function = 'sleep' is not a function; known functions: noop, echo, synthetic")]
    [InlineData("""{ "functions": { "checkout": { "durationMs": 5 } } }""", "functions.checkout.function is missing")]
    [InlineData("""{ "functions": { "ping": { "function": "noop", "durationMs": 5 } } }""", "functions.ping.durationMs: only the synthetic function takes this key, not 'noop'")]
    [InlineData("""{ "functions": { "checkout": { "function": "synthetic", "durationMs": -1 } } }""", "functions.checkout.durationMs = -1, must be between 0 and 600000")]
    [InlineData("""{ "functions": { "checkout": { "function": "synthetic", "distribution": "normal" } } }""", "functions.checkout.distribution = 'normal' is not allowed: use one of fixed, exponential")]
    [InlineData("""{ "pool": { "coldStart": "2m" } }""", "pool.coldStart = 2m, must be between 0ms and 1m")]
    [InlineData("""{ "pool": { "keepAlive": 60 } }""", "pool.keepAlive = 60 must be a string")]
    [InlineData("""{ "pool": { "maxParallelism": 8, "initialParallelism": 16 } }""", "pool.initialParallelism = 16, must be between 1 and maxParallelism = 8")]
    [InlineData("""{ "pool": { "maxParallelism": 1.5 } }""", "pool.maxParallelism = 1.5 must be a whole number")]
    [InlineData("""{ "pool": { "coldStart": "1s", "coldStart": "2s" } }""", "pool.coldStart: key given twice")]
    [InlineData("""[]""", "the top level = [] must be a JSON object")]
    [InlineData("""{ "kafka": { "sasl.mechanism": ["PLAIN"] } }""", "kafka.sasl.mechanism = [\"PLAIN\"] must be a string, a number or true/false")]
    [InlineData("""{ "kafka": { "acks": null } }""", "kafka.acks = null must be a string, a number or true/false")]
    [InlineData("""{ "kafka": [] }""", "kafka = [] must be a JSON object")]
    public void Errors_name_the_file_the_path_the_value_and_what_is_allowed(string json, string expected)
    {
        var error = Fails(json);
        Assert.StartsWith("streammetrics.json: ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal("streammetrics.json", error.ConfigFile);
    }

    [Fact]
    public void A_kafka_section_keeps_every_property_as_the_text_librdkafka_reads()
    {
        var config = StreamMetricsConfig.Parse(
            """{ "kafka": { "security.protocol": "SASL_SSL", "socket.timeout.ms": 30000, "socket.keepalive.enable": false, "sasl.password": "p=w d" } }""", "f");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["security.protocol"] = "SASL_SSL", ["socket.timeout.ms"] = "30000", ["socket.keepalive.enable"] = "false", ["sasl.password"] = "p=w d",
            },
            config.Kafka);
    }

    [Fact]
    public void Broken_json_reports_the_line()
    {
        var error = Fails("{\n  \"pool\": {\n    \"coldStart\": 250ms\n  }\n}");
        Assert.Contains("not valid JSON at line 3, column 21: 'm' is an invalid end of a number", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Fact]
    public void A_user_profile_can_replace_a_built_in_and_the_selector_uses_it()
    {
        var config = StreamMetricsConfig.Parse("""{ "profiles": { "minimal": { "retention": "2d", "metrics": { "cold_start": "every" } } } }""", "f");
        var selector = new ProfileSelector(config.Profiles, config.Selection);
        var chosen = selector.Select(new("t", DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1), 0, default)).Config.Profile;
        Assert.Equal(("minimal", TimeSpan.FromDays(2), 1), (chosen.Name, chosen.Retention, chosen.Metrics.Count));
    }
}
