using StreamMetrics.Core.Functions;
using StreamMetrics.Core.Profiles;

namespace StreamMetrics.Core.Configuration;

/// <summary>Reads each section of <see cref="StreamMetricsConfig"/> from its JSON node, validating as it goes.</summary>
internal static class ConfigSections
{
    private const string ThresholdUnit = "predicted events per second, or payload bytes per second where \"by\" is \"bytes\"";

    public static ProfileCatalog ReadProfiles(ConfigNode section)
    {
        var profiles = new List<MetricProfile>();
        foreach (var (name, node) in section.Properties())
        {
            TimeSpan? retention = null;
            ConfigNode? metrics = null;
            foreach (var (key, value) in node.Properties(["retention", "metrics"]))
            {
                if (key == "retention")
                    retention = value.Duration();
                else
                    metrics = value;
            }
            if (retention is null)
                throw section.Error($"{node.Path}.retention is missing: give how long the profile's records are kept, e.g. \"3d\"");
            if (metrics is null)
                throw section.Error($"{node.Path}.metrics is missing: give each metric with its sampling rule, e.g. {{ \"latency_ms\": \"every 10\" }}");
            var rules = new List<MetricRule>();
            foreach (var (metric, ruleNode) in metrics.Properties())
            {
                var text = ruleNode.String(SamplingRuleText.Allowed);
                rules.Add(new MetricRule(metric, ruleNode.Checked(() => SamplingRuleText.Parse(text, ruleNode.Path))));
            }
            profiles.Add(new MetricProfile(name, rules, retention.Value));
        }
        // Names, metrics and retention are checked by the catalog, which words its errors with the same paths.
        return section.Checked(() => ProfileCatalog.BuiltIn.With(profiles));
    }

    public static ProfileSelectorOptions ReadSelection(ConfigNode section, ProfileCatalog catalog)
    {
        var defaults = new ProfileSelectorOptions();
        double low = defaults.Low, medium = defaults.Medium, hysteresis = defaults.Hysteresis;
        var by = defaults.By;
        var types = new Dictionary<string, TypeSelection>(StringComparer.Ordinal);
        foreach (var (key, value) in section.Properties(["by", "low", "medium", "hysteresis", "types"]))
        {
            switch (key)
            {
                case "by": by = ReadEnum<LoadMeasure>(value); break;
                case "low": low = value.Number(ThresholdUnit); break;
                case "medium": medium = value.Number(ThresholdUnit); break;
                case "hysteresis": hysteresis = value.Number("a relative band, at least 0 and below 1"); break;
                default:
                    foreach (var (type, node) in value.Properties())
                        types.Add(type, ReadTypeSelection(node));
                    break;
            }
        }
        var options = new ProfileSelectorOptions { By = by, Low = low, Medium = medium, Hysteresis = hysteresis, Types = types };
        section.Checked(() => options.Validate($"{section.Path}.", catalog));
        return options;
    }

    private static TypeSelection ReadTypeSelection(ConfigNode node)
    {
        var selection = new TypeSelection();
        foreach (var (key, value) in node.Properties(["by", "low", "medium", "pin"]))
        {
            selection = key switch
            {
                "by" => selection with { By = ReadEnum<LoadMeasure>(value) },
                "low" => selection with { Low = value.Number(ThresholdUnit) },
                "medium" => selection with { Medium = value.Number(ThresholdUnit) },
                _ => selection with { Pin = value.String("a profile name") },
            };
        }
        return selection;
    }

    public static FunctionCatalogOptions ReadFunctions(ConfigNode section)
    {
        var defaultSpec = FunctionSpec.Default;
        var types = new Dictionary<string, FunctionSpec>(StringComparer.Ordinal);
        foreach (var (type, node) in section.Properties())
        {
            var spec = ReadFunctionSpec(node);
            if (type == "*")
                defaultSpec = spec;
            else
                types.Add(type, spec);
        }
        var options = new FunctionCatalogOptions { Default = defaultSpec, Types = types };
        section.Checked(() => options.Validate($"{section.Path}."));
        return options;
    }

    private static FunctionSpec ReadFunctionSpec(ConfigNode node)
    {
        var known = string.Join(", ", FunctionCatalog.KnownFunctions);
        var defaults = new SyntheticFunctionOptions();
        string? function = null;
        var duration = defaults.Duration;
        var distribution = defaults.Distribution;
        var mode = defaults.Mode;
        var seed = defaults.Seed;
        string? firstSyntheticKey = null;
        foreach (var (key, value) in node.Properties(["function", "durationMs", "distribution", "mode", "seed"]))
        {
            if (key != "function")
                firstSyntheticKey ??= value.Path;
            switch (key)
            {
                case "function": function = value.String(known); break;
                case "durationMs": duration = TimeSpan.FromMilliseconds(value.Number("milliseconds")); break;
                case "distribution": distribution = ReadEnum<SyntheticDistribution>(value); break;
                case "mode": mode = ReadEnum<SyntheticMode>(value); break;
                default: seed = value.Int32("any 32-bit integer"); break;
            }
        }
        if (function is null)
            throw node.Error($"{node.Path}.function is missing: give one of {known}");
        if (function != FunctionCatalog.Synthetic)
        {
            return firstSyntheticKey is null
                ? new FunctionSpec(function)
                : throw node.Error($"{firstSyntheticKey}: only the synthetic function takes this key, not '{function}'");
        }
        return new FunctionSpec(function, new SyntheticFunctionOptions { Duration = duration, Distribution = distribution, Mode = mode, Seed = seed });
    }

    private static T ReadEnum<T>(ConfigNode value) where T : struct, Enum
    {
        var names = Enum.GetNames<T>().Select(name => name.ToLowerInvariant()).ToArray();
        var text = value.String(string.Join(", ", names));
        return names.Contains(text, StringComparer.Ordinal)
            ? Enum.Parse<T>(text, ignoreCase: true)
            : throw value.Error($"{value.Path} = '{text}' is not allowed: use one of {string.Join(", ", names)}");
    }

    /// <summary>
    /// The <c>kafka</c> section: librdkafka properties by name, kept as text. Which names the program owns, and whether
    /// librdkafka knows a name, is for the Kafka adapter to say: Core knows no Kafka client.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadKafka(ConfigNode section) =>
        section.Properties().ToDictionary(
            p => p.Name, p => p.Value.Text("a librdkafka property's value, e.g. \"SASL_SSL\" or 30000"), StringComparer.Ordinal);

    public static WorkerPoolOptions ReadPool(ConfigNode section)
    {
        var defaults = new WorkerPoolOptions();
        var coldStart = defaults.ColdStart;
        var keepAlive = defaults.KeepAlive;
        var maxParallelism = defaults.MaxParallelism;
        var initialParallelism = defaults.InitialParallelism;
        foreach (var (key, value) in section.Properties(["coldStart", "keepAlive", "maxParallelism", "initialParallelism"]))
        {
            switch (key)
            {
                case "coldStart": coldStart = value.Duration(); break;
                case "keepAlive": keepAlive = value.Duration(); break;
                case "maxParallelism": maxParallelism = value.Int32("concurrent invocations"); break;
                default: initialParallelism = value.Int32("concurrent invocations"); break;
            }
        }
        var options = new WorkerPoolOptions { ColdStart = coldStart, KeepAlive = keepAlive, MaxParallelism = maxParallelism, InitialParallelism = initialParallelism };
        section.Checked(() => options.Validate($"{section.Path}."));
        return options;
    }
}
