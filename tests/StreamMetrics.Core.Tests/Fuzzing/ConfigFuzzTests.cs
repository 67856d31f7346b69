using CsCheck;
using StreamMetrics.Core.Configuration;

namespace StreamMetrics.Core.Tests.Fuzzing;

/// <summary>
/// 100,000 generated config files: each loads, or fails with a <see cref="ConfigException"/> that names the file;
/// no other exception escapes. CsCheck prints the seed of a failing run, which replays it.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class ConfigFuzzTests
{
    private const int Inputs = 100_000;
    private const string Source = "fuzz.json";

    private static readonly Gen<string> Scalar = Gen.OneOf(
        Gen.OneOf<string>("\"every\"", "\"every 10\"", "\"every 5s\"", "\"every 0\"", "\"every -1\"", "\"every 99999999999999999999\"",
            "\"250ms\"", "\"2m\"", "\"7d\"", "\"-1s\"", "\"\"", "\"minimal\"", "\"debug\"", "\"audit\"", "\"synthetic\"", "\"noop\"",
            "\"echo\"", "\"exponential\"", "\"busy\"", "\"rate\"", "\"bytes\"", "\"Bytes\"", "null", "true", "false", "[]", "{}", "0", "-1", "1e308", "1e999", "0.2", "64",
            "2147483648", "NaN"),
        Gen.Int.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.String.Select(s => System.Text.Json.JsonSerializer.Serialize(s)));

    private static readonly Gen<string> Key = Gen.OneOf(
        Gen.OneOf<string>("retention", "metrics", "latency_ms", "cpu_time_ms", "payload_bytes", "cold_start", "by", "low", "medium", "hysteresis",
            "types", "pin", "function", "durationMs", "distribution", "mode", "seed", "*", "coldStart", "keepAlive", "maxParallelism",
            "initialParallelism", "audit", "checkout", "socket.keepalive.enable", "bootstrap.servers", ""),
        Gen.String);

    private static readonly Gen<string> Value = Gen.Recursive<string>((depth, value) => depth >= 3
        ? Scalar
        : Gen.OneOf(Scalar, Gen.Select(Key, value).Array[0, 4].Select(Object)));

    private static readonly Gen<string> Section = Gen.OneOf<string>("profiles", "selection", "functions", "pool", "kafka", "unknown");

    /// <summary>Config files near the real shape, sometimes cut short or with comments and trailing commas.</summary>
    private static readonly Gen<string> ConfigText =
        Gen.Select(Section, Value).Array[0, 5].Select(Object)
            .SelectMany(json => Gen.OneOf(
                Gen.Const(json),
                Gen.Int[0, json.Length].Select(cut => json[..cut]),
                Gen.Const("// comment\n" + json.Replace("}", ",}", StringComparison.Ordinal))));

    [Fact]
    public void The_config_loader_loads_or_rejects_with_a_message_naming_the_file_every_generated_config_and_nothing_else_escapes()
    {
        int loaded = 0, rejected = 0;
        ConfigText.Sample(json =>
        {
            try
            {
                StreamMetricsConfig.Parse(json, Source);
                loaded++;
            }
            catch (ConfigException e)
            {
                Assert.StartsWith(Source, e.Message);
                Assert.True(e.Message.Length > Source.Length + 2, $"'{e.Message}' gives no reason");
                rejected++;
            }
        }, iter: Inputs, threads: 1);
        Assert.True(loaded > 0 && rejected > 0, $"{loaded} loaded, {rejected} rejected: the generator must reach both");
    }

    private static string Object((string Key, string Value)[] fields) =>
        "{" + string.Join(",", fields.Select(f => System.Text.Json.JsonSerializer.Serialize(f.Key) + ":" + f.Value)) + "}";
}
