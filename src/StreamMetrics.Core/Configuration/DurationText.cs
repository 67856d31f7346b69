using System.Globalization;
using System.Text.RegularExpressions;

namespace StreamMetrics.Core.Configuration;

/// <summary>
/// Durations as people write them on command lines and in config files: <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>7d</c>.
/// </summary>
public static partial class DurationText
{
    public const string Allowed = "a number followed by ms, s, m, h or d (e.g. 250ms, 30s, 5m, 2h, 7d)";

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim());
        if (!match.Success)
            return false;
        var amount = double.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        value = match.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "s" => TimeSpan.FromSeconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
        return true;
    }

    /// <summary>The shortest exact text for a duration, so a value prints the way it would be written.</summary>
    public static string Format(TimeSpan value) => value switch
    {
        _ when value.Ticks % TimeSpan.TicksPerDay == 0 && value >= TimeSpan.FromDays(1) => $"{value.TotalDays:0}d",
        _ when value.Ticks % TimeSpan.TicksPerHour == 0 && value >= TimeSpan.FromHours(1) => $"{value.TotalHours:0}h",
        _ when value.Ticks % TimeSpan.TicksPerMinute == 0 && value >= TimeSpan.FromMinutes(1) => $"{value.TotalMinutes:0}m",
        _ when value.Ticks % TimeSpan.TicksPerSecond == 0 && value >= TimeSpan.FromSeconds(1) => $"{value.TotalSeconds:0}s",
        _ => $"{value.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms",
    };

    [GeneratedRegex(@"^(?<amount>\d+(\.\d+)?)(?<unit>ms|s|m|h|d)$")]
    private static partial Regex Pattern();
}
