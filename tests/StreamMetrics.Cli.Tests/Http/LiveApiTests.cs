using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StreamMetrics.Cli.Tests.Http;

/// <summary>The live page's JSON API and the files the page loads.</summary>
[Collection(nameof(LiveDemoCollection))]
public sealed partial class LiveApiTests(LiveDemo demo)
{
    private static readonly string[] SeriesKeys =
        ["actual", "predicted", "predictedLower", "predictedUpper", "profile", "instances", "executing", "coldStarts",
            "predictedBytes", "predictedBytesLower", "predictedBytesUpper"];

    [Fact]
    public async Task Api_live_gives_totals_and_per_type_figures_with_their_history_aligned_to_the_sample_times()
    {
        using var live = await LiveAsync(since: 0, until: root => root.GetProperty("time").GetArrayLength() >= 2 && root.GetProperty("types").GetArrayLength() >= 2);
        var root = live.RootElement;

        Assert.Equal(["minimal", "standard", "debug"], root.GetProperty("profiles").EnumerateArray().Select(p => p.GetString()));
        Assert.True(root.GetProperty("ready").GetBoolean());
        Assert.Equal(3600, root.GetProperty("windowSeconds").GetDouble());
        Assert.Equal(0.5, root.GetProperty("sampleSeconds").GetDouble());
        Assert.True(root.GetProperty("totals").GetProperty("processed").GetInt64() > 0);
        var samples = root.GetProperty("time").GetArrayLength();
        foreach (var type in root.GetProperty("types").EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(type.GetProperty("type").GetString()));
            Assert.True(type.GetProperty("instances").GetInt32() >= 0);
            var bytes = type.GetProperty("predictedBytes").GetDouble();
            Assert.InRange(bytes, type.GetProperty("predictedBytesLower").GetDouble(), type.GetProperty("predictedBytesUpper").GetDouble());
            var history = type.GetProperty("history");
            Assert.All(SeriesKeys, key => Assert.Equal(samples, history.GetProperty(key).GetArrayLength()));
        }

        // The page asks only for what it has not seen yet.
        var last = root.GetProperty("time").EnumerateArray().Last().GetInt64();
        using var after = JsonDocument.Parse(await demo.GetAsync($"api/live?since={last}"));
        Assert.True(after.RootElement.GetProperty("time").EnumerateArray().All(t => t.GetInt64() > last));
    }

    [Fact]
    public async Task The_page_and_every_file_it_loads_are_served_by_the_program_itself()
    {
        var page = await demo.GetAsync("");
        var references = AssetReference().Matches(page).Select(m => m.Groups["url"].Value).ToList();

        Assert.Contains("assets/vendor/uplot/uPlot.iife.min.js", references);
        Assert.Contains("assets/live.js", references);
        Assert.DoesNotContain(references, url => url.Contains("//", StringComparison.Ordinal));
        foreach (var url in references)
        {
            using var response = await demo.Http.GetAsync(new Uri(demo.Address, url));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
        }
        using var missing = await demo.Http.GetAsync(new Uri(demo.Address, "assets/nothing.js"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private async Task<JsonDocument> LiveAsync(long since, Func<JsonElement, bool> until)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var document = JsonDocument.Parse(await demo.GetAsync($"api/live?since={since}"));
            if (until(document.RootElement))
                return document;
            document.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token);
        }
    }

    [GeneratedRegex("""(?:src|href)="(?<url>[^"]+)""")]
    private static partial Regex AssetReference();
}
