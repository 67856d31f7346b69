using System.Text.RegularExpressions;
using StreamMetrics.Core.Configuration;
using StreamMetrics.Core.Metrics;

namespace StreamMetrics.Core.Profiles;

/// <summary>What makes a <see cref="MetricProfile"/> usable: a name that is a valid topic suffix, known metrics, sane rules and retention.</summary>
internal static partial class ProfileValidation
{
    private const string NameAllowed = "1 to 100 characters: lower case letters, digits, '-' and '_', starting with a letter or digit";

    public static readonly TimeSpan MinRetention = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxRetention = TimeSpan.FromDays(3650);

    private static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>The first problem with <paramref name="profile"/>, its key written under <paramref name="key"/>, or null.</summary>
    public static string? FirstError(MetricProfile profile, string key)
    {
        if (!IsValidName(profile.Name))
            return $"{key} = '{profile.Name}' is not a profile name: use {NameAllowed}";
        if (profile.Retention < MinRetention || profile.Retention > MaxRetention)
            return $"{key}.retention = {DurationText.Format(profile.Retention)}, must be between {DurationText.Format(MinRetention)} and {DurationText.Format(MaxRetention)}";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in profile.Metrics)
        {
            var ruleKey = $"{key}.metrics.{rule.Metric}";
            if (!MetricNames.IsKnown(rule.Metric))
                return $"{ruleKey}: unknown metric '{rule.Metric}'; known metrics: {string.Join(", ", MetricNames.All)}";
            if (!seen.Add(rule.Metric))
                return $"{ruleKey}: listed twice";
            var ruleOk = rule.Sampling switch
            {
                SamplingRule.EveryNEvents every => every.N >= 1,
                SamplingRule.EveryInterval every => every.Interval > TimeSpan.Zero,
                _ => true,
            };
            if (!ruleOk)
                return $"{ruleKey} = '{SamplingRuleText.Format(rule.Sampling)}' is not a sampling rule: use {SamplingRuleText.Allowed}";
        }
        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,99}$")]
    private static partial Regex NamePattern();
}
