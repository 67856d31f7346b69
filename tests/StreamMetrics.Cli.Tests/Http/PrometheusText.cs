using System.Globalization;
using System.Text.RegularExpressions;

namespace StreamMetrics.Cli.Tests.Http;

/// <summary>The Prometheus text exposition format, read as a scraper reads it: families with their types, and samples.</summary>
internal sealed partial class PrometheusText
{
    private PrometheusText(Dictionary<string, string> types, List<Sample> samples)
    {
        Types = types;
        Samples = samples;
    }

    /// <summary>Family name -> counter, gauge, histogram...</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public IReadOnlyList<Sample> Samples { get; }

    public static PrometheusText Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                types.Add(parts[2], parts[3]);
            }
            else if (!line.StartsWith('#'))
            {
                var match = SampleLine().Match(line);
                Assert.True(match.Success, $"not a sample line: {line}");
                var labels = LabelPair().Matches(match.Groups["labels"].Value)
                    .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
                samples.Add(new Sample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
            }
        }
        return new PrometheusText(types, samples);
    }

    /// <summary>The samples of one metric name (for a histogram, e.g. <c>x_count</c>), optionally with one label's value.</summary>
    public IEnumerable<Sample> Of(string name, string? label = null, string? value = null) =>
        Samples.Where(s => s.Name == name && (label is null || s.Labels.GetValueOrDefault(label) == value));

    public double Sum(string name) => Of(name).Sum(s => s.Value);

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)( \d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=\"(?<value>[^\"]*)\"")]
    private static partial Regex LabelPair();
}
