using System.CommandLine;
using StreamMetrics.Core.Configuration;

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
