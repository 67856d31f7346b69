using System.CommandLine;
using System.Globalization;
using System.Net;
using StreamMetrics.Core.Configuration;
using StreamMetrics.Hosting.Http;
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

    /// <summary><c>--http HOST:PORT</c>: where the operators' endpoint listens; none without it.</summary>
    public static Option<IPEndPoint?> Http() => new("--http")
    {
        Description = $"Serve Prometheus metrics ({OperatorHttpOptions.MetricsPath}), /healthz, /readyz and the live page (/) at HOST:PORT, " +
                      $"e.g. 127.0.0.1:{OperatorHttpOptions.DefaultPort}; 0.0.0.0:{OperatorHttpOptions.DefaultPort} listens on every interface, port 0 picks a free one",
        CustomParser = result =>
        {
            if (OperatorHttpOptions.TryParseEndpoint(result.Tokens.Count > 0 ? result.Tokens[0].Value : null, out var endpoint, out var error))
                return endpoint;
            result.AddError(error);
            return null;
        },
    };

    /// <summary><c>--metrics-max-types N</c>: event types with a label of their own in metrics and on the live page.</summary>
    public static Option<int> MetricsMaxTypes()
    {
        var option = new Option<int>("--metrics-max-types")
        {
            Description = $"Event types shown under their own name in /metrics and on the live page; later ones are summed under " +
                          $"'{TypeLabels.Other}' (1 to {OperatorHttpOptions.MaxTypesLimit}; default {OperatorHttpOptions.DefaultMaxTypes})",
            DefaultValueFactory = _ => OperatorHttpOptions.DefaultMaxTypes,
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value is < 1 or > OperatorHttpOptions.MaxTypesLimit)
                result.AddError($"--metrics-max-types = {value}, must be between 1 and {OperatorHttpOptions.MaxTypesLimit}");
        });
        return option;
    }

    /// <summary>The endpoint's options from <paramref name="http"/> and <paramref name="maxTypes"/>; null without <c>--http</c>.</summary>
    public static OperatorHttpOptions? OperatorHttp(ParseResult parse, Option<IPEndPoint?> http, Option<int> maxTypes) =>
        parse.GetValue(http) is { } endpoint ? new OperatorHttpOptions { Endpoint = endpoint, MaxTypes = parse.GetValue(maxTypes) } : null;

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

    /// <summary>Refuses a value of <paramref name="option"/> below <paramref name="minimum"/>, naming the option and the value.</summary>
    public static T AtLeast<T>(this T option, int minimum) where T : Option<int?>
    {
        option.Validators.Add(result =>
        {
            if (TryGetValue<int?>(result, out var parsed) && parsed is { } value && value < minimum)
                result.AddError($"{option.Name} = {value}, must be at least {minimum}");
        });
        return option;
    }

    /// <summary>
    /// A comma-separated list option whose every item <paramref name="parse"/> must accept; the first item it refuses fails
    /// the parse with the option's name, the item and the fix that <paramref name="parse"/> gives.
    /// </summary>
    public static Option<IReadOnlyList<T>> List<T>(string name, string description, string defaultText, Func<string, (T Value, string? Error)> parse) => new(name)
    {
        Description = $"{description} (default {defaultText})",
        DefaultValueFactory = result => ParseList(name, defaultText, result, parse),
        CustomParser = result => ParseList(name, result.Tokens.Count > 0 ? result.Tokens[0].Value : "", result, parse),
    };

    private static IReadOnlyList<T> ParseList<T>(string name, string text, System.CommandLine.Parsing.ArgumentResult result, Func<string, (T Value, string? Error)> parse)
    {
        var items = new List<T>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (value, error) = parse(item);
            if (error is not null)
            {
                result.AddError($"{name}: '{item}' {error}");
                return items;
            }
            items.Add(value);
        }
        if (items.Count == 0)
            result.AddError($"{name} is empty: give at least one value");
        return items;
    }

    /// <summary>Refuses a duration outside [<paramref name="minimum"/>, <paramref name="maximum"/>], naming the option, the value and the range.</summary>
    public static Option<TimeSpan> Within(this Option<TimeSpan> option, TimeSpan minimum, TimeSpan maximum) =>
        option.Within(minimum, maximum, DurationText.Format);

    /// <summary>Refuses a whole number outside [<paramref name="minimum"/>, <paramref name="maximum"/>], naming the option, the value and the range.</summary>
    public static Option<int> Within(this Option<int> option, int minimum, int maximum) =>
        option.Within(minimum, maximum, value => value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Refuses a number outside [<paramref name="minimum"/>, <paramref name="maximum"/>] (NaN included), naming the option, the value and the range.</summary>
    public static Option<double> Within(this Option<double> option, double minimum, double maximum) =>
        option.Within(minimum, maximum, value => value.ToString(CultureInfo.InvariantCulture));

    private static Option<T> Within<T>(this Option<T> option, T minimum, T maximum, Func<T, string> format) where T : IComparable<T>
    {
        option.Validators.Add(result =>
        {
            // NaN compares below every number, so the first test refuses it too.
            if (TryGetValue<T>(result, out var value) && !(value.CompareTo(minimum) >= 0 && value.CompareTo(maximum) <= 0))
                result.AddError($"{option.Name} = {format(value)}, must be between {format(minimum)} and {format(maximum)}");
        });
        return option;
    }

    /// <summary>False when the value did not parse: the parser has already reported it, and a range check has nothing to add.</summary>
    private static bool TryGetValue<T>(System.CommandLine.Parsing.OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
