using System.Globalization;
using System.Text;
using StreamMetrics.Hosting.Demo;

namespace StreamMetrics.Cli.Presentation;

/// <summary>
/// The demo's console view, once a second: per event type the actual and predicted rate and the profile in force,
/// then the pool. On a terminal it redraws in place; redirected, it appends one block per refresh.
/// </summary>
internal sealed class LiveView(DemoProgress progress, TextWriter output)
{
    private readonly Dictionary<string, long> _lastProcessed = new(StringComparer.Ordinal);
    private int _linesDrawn;

    public async Task RunAsync(TimeSpan refresh, TimeProvider time, CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(refresh, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation))
                Draw(refresh);
        }
        catch (OperationCanceledException)
        {
            // The run is over; the summary follows.
        }
    }

    private void Draw(TimeSpan refresh)
    {
        var text = Render(refresh);
        if (!Console.IsOutputRedirected && _linesDrawn > 0)
            output.Write($"\u001b[{_linesDrawn}A\u001b[J");
        output.Write(text);
        output.Flush();
        _linesDrawn = text.Count(c => c == '\n');
    }

    private string Render(TimeSpan refresh)
    {
        var forecasts = progress.Components.Forecaster.Snapshot().ToDictionary(f => f.EventType, StringComparer.Ordinal);
        var processed = progress.Components.Counters.ProcessedByType;
        var profiles = progress.Components.Counters.ProfileByType;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"event type",-14} {"actual/s",9} {"predicted/s",12} {"profile",-10}");
        foreach (var (type, count) in processed)
        {
            var rate = (count - _lastProcessed.GetValueOrDefault(type)) / refresh.TotalSeconds;
            _lastProcessed[type] = count;
            var predicted = forecasts.TryGetValue(type, out var f) ? f.PredictedRatePerSecond : 0;
            text.AppendLine(CultureInfo.InvariantCulture, $"{type,-14} {rate,9:F1} {predicted,12:F1} {profiles.GetValueOrDefault(type, "-"),-10}");
        }
        var pool = progress.Components.Pool.Statistics();
        var counters = progress.Components.Counters;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"pool: parallelism {progress.Components.Pool.Parallelism}, instances {pool.Instances} ({pool.Executing} executing), cold starts {pool.ColdStarts}; " +
            $"events produced {progress.Produced()}, processed {counters.EventsProcessed}; profile switches {progress.Components.Selector.Switches}");
        return text.ToString();
    }
}
