using System.Globalization;
using StreamMetrics.Core.Configuration;

namespace StreamMetrics.Core.Profiles;

/// <summary>The text form of a <see cref="SamplingRule"/> in config files: <c>"every"</c>, <c>"every 10"</c>, <c>"every 5s"</c>.</summary>
public static class SamplingRuleText
{
    public const string Allowed = "\"every\" (every event), \"every N\" (every N-th event, N from 1 to 1000000) or \"every T\" (once per T per instance, T a duration from 1ms to 1d such as 500ms, 10s, 5m)";

    private const int MaxN = 1_000_000;

    /// <summary>Parses <paramref name="text"/> or throws a <see cref="FormatException"/> naming <paramref name="key"/>, the value and the allowed forms.</summary>
    public static SamplingRule Parse(string? text, string key) =>
        TryParse(text, out var rule) ? rule : throw new FormatException($"{key} = '{text}' is not a sampling rule: use {Allowed}");

    public static bool TryParse(string? text, out SamplingRule rule)
    {
        rule = new SamplingRule.EveryEvent();
        var parts = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (parts.Length == 0 || parts.Length > 2 || parts[0] != "every")
            return false;
        if (parts.Length == 1)
            return true;
        if (int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            if (n is < 1 or > MaxN)
                return false;
            // "every 1" is every event; one spelling for one behaviour keeps counters and reports simple.
            rule = n == 1 ? new SamplingRule.EveryEvent() : new SamplingRule.EveryNEvents(n);
            return true;
        }
        if (!DurationText.TryParse(parts[1], out var interval) || interval < TimeSpan.FromMilliseconds(1) || interval > TimeSpan.FromDays(1))
            return false;
        rule = new SamplingRule.EveryInterval(interval);
        return true;
    }

    /// <summary>The config text of <paramref name="rule"/>; <see cref="Parse"/> reads it back to an equal rule.</summary>
    public static string Format(SamplingRule rule) => rule switch
    {
        SamplingRule.EveryNEvents every => $"every {every.N.ToString(CultureInfo.InvariantCulture)}",
        SamplingRule.EveryInterval every => $"every {DurationText.Format(every.Interval)}",
        _ => "every",
    };
}
