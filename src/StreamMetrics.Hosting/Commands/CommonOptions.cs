using System.CommandLine;
using StreamMetrics.Core.Configuration;
using StreamMetrics.Kafka.Clients;

namespace StreamMetrics.Hosting.Commands;

/// <summary>Options several commands share, so each is spelled and explained the same way everywhere.</summary>
public static class CommonOptions
{
    public static Option<string?> BootstrapServers(bool required) => new("--bootstrap-servers", "-b")
    {
        Description = required
            ? "Kafka bootstrap servers, HOST:PORT[,HOST:PORT...] (e.g. the line `streammetrics broker` prints)"
            : "Kafka bootstrap servers, HOST:PORT[,HOST:PORT...]; without it an embedded Kafka-protocol cluster is started",
        Required = required,
    };

    /// <summary>
    /// The repeatable <c>-X key=value</c> (as kcat takes it): a librdkafka property for every Kafka client. A value that
    /// is not key=value, or a property StreamMetrics sets itself, fails the parse with the value and the fix.
    /// </summary>
    public static Option<IReadOnlyDictionary<string, string>> KafkaProperty() => new("--kafka-property", "-X")
    {
        Description = "A librdkafka property for every Kafka client, key=value; repeat it for more, e.g. " +
                      "-X security.protocol=SASL_SSL -X sasl.mechanism=PLAIN. It wins over the config file's kafka section. " +
                      "Properties StreamMetrics sets itself (bootstrap.servers, group.id, enable.auto.commit, ...) are refused",
        HelpName = "key=value",
        Arity = ArgumentArity.ZeroOrMore,
        DefaultValueFactory = _ => new Dictionary<string, string>(),
        CustomParser = result =>
        {
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var token in result.Tokens)
            {
                if (KafkaProperties.TryParse(token.Value, out var property, out var error))
                    properties[property.Key] = property.Value; // a repeated key: the last one wins, as in kcat
                else
                    result.AddError(error!);
            }
            return properties;
        },
    };

    /// <summary>A duration option such as <c>--duration 60s</c>, rejecting bad text with the option's name and the allowed forms.</summary>
    public static Option<TimeSpan> Duration(string name, TimeSpan defaultValue, string description) => new(name)
    {
        Description = $"{description} ({DurationText.Allowed}; default {DurationText.Format(defaultValue)})",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (DurationText.TryParse(text, out var value))
                return value;
            result.AddError($"{name} = '{text}' is not a duration: use {DurationText.Allowed}");
            return defaultValue;
        },
    };
}
