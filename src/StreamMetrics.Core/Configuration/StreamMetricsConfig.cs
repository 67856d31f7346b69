using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Configuration;

/// <summary>
/// The service's config file (<c>--config streammetrics.json</c>; <c>streammetrics.example.json</c> at the repository root
/// shows every key). Top-level sections, all optional:
/// <list type="bullet">
/// <item><c>profiles</c>: user profiles by name, each <c>{ "retention": "7d", "metrics": { "latency_ms": "every 10", ... } }</c>;
/// a name of a built-in replaces that built-in.</item>
/// <item><c>selection</c>: <c>by</c> (<c>"rate"</c>, the default, or <c>"bytes"</c>), <c>low</c>, <c>medium</c> (predicted
/// events per second, or payload bytes per second by <c>"bytes"</c>), <c>hysteresis</c>, and <c>types</c> with per-type
/// <c>by</c>/<c>low</c>/<c>medium</c> or a <c>pin</c>.</item>
/// <item><c>functions</c>: per event type (or <c>"*"</c> for all others) <c>{ "function": "noop" | "echo" | "synthetic" }</c>,
/// synthetic also taking <c>durationMs</c>, <c>distribution</c> (<c>fixed</c>, <c>exponential</c>), <c>mode</c>
/// (<c>delay</c>, <c>busy</c>) and <c>seed</c>.</item>
/// <item><c>pool</c>: <c>coldStart</c>, <c>keepAlive</c> (durations), <c>maxParallelism</c>, <c>initialParallelism</c>.</item>
/// <item><c>kafka</c>: librdkafka properties every Kafka client gets, e.g. <c>{ "security.protocol": "SASL_SSL" }</c>;
/// values are strings, numbers or true/false.</item>
/// </list>
/// Comments (<c>//</c>) and trailing commas are accepted; unknown keys, duplicate keys and bad values are errors.
/// </summary>
public sealed class StreamMetricsConfig
{
    /// <summary>Built-in profiles and default options everywhere: what the service runs with when no file is given.</summary>
    public static StreamMetricsConfig Default { get; } = new();

    /// <summary>Built-in profiles plus the file's own.</summary>
    public ProfileCatalog Profiles { get; init; } = ProfileCatalog.BuiltIn;

    public ProfileSelectorOptions Selection { get; init; } = new();

    public FunctionCatalogOptions Functions { get; init; } = new();

    public WorkerPoolOptions Pool { get; init; } = new();

    /// <summary>
    /// librdkafka properties (name to value, as text) passed to every Kafka client, e.g. <c>security.protocol</c>,
    /// <c>sasl.username</c>; the Kafka adapter refuses the ones the program sets itself. Default none.
    /// </summary>
    public IReadOnlyDictionary<string, string> Kafka { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Reads and validates a config file's text. Throws <see cref="ConfigException"/> whose message starts with
    /// <paramref name="source"/> (the file name) and names the JSON path, the bad value and what is allowed.
    /// </summary>
    public static StreamMetricsConfig Parse(string json, string source)
    {
        var root = ConfigNode.Root(json, source);
        ConfigNode? profiles = null, selection = null, functions = null, pool = null, kafka = null;
        foreach (var (name, value) in root.Properties(["profiles", "selection", "functions", "pool", "kafka"]))
        {
            switch (name)
            {
                case "profiles": profiles = value; break;
                case "selection": selection = value; break;
                case "functions": functions = value; break;
                case "pool": pool = value; break;
                default: kafka = value; break;
            }
        }
        var catalog = profiles is null ? ProfileCatalog.BuiltIn : ConfigSections.ReadProfiles(profiles);
        var selectionOptions = selection is null ? new ProfileSelectorOptions() : ConfigSections.ReadSelection(selection, catalog);
        var functionOptions = functions is null ? new FunctionCatalogOptions() : ConfigSections.ReadFunctions(functions);
        var poolOptions = pool is null ? new WorkerPoolOptions() : ConfigSections.ReadPool(pool);
        return new StreamMetricsConfig
        {
            Profiles = catalog,
            Selection = selectionOptions,
            Functions = functionOptions,
            Pool = poolOptions,
            Kafka = kafka is null ? new Dictionary<string, string>() : ConfigSections.ReadKafka(kafka),
        };
    }
}
