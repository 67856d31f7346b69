using System.Globalization;

namespace StreamMetrics.Cli.Presentation;

/// <summary>A progress report as one plain line: done of total, percent, rate and time left, then the detail.</summary>
internal static class ProgressText
{
    /// <param name="unit">What is counted, e.g. "functions"; null when the work is measured in its own time and a rate would say nothing.</param>
    public static string Line(string label, string? unit, ProgressUpdate update, TimeSpan elapsed)
    {
        var percent = (update.Share * 100).ToString("0", CultureInfo.InvariantCulture);
        var rate = elapsed > TimeSpan.Zero ? update.Done / elapsed.TotalSeconds : 0;
        var left = rate > 0 ? Duration(TimeSpan.FromSeconds(Math.Max(0, update.Total - update.Done) / rate)) : "?";
        var measure = unit is null
            ? $"{percent}% ({left} left"
            : string.Create(CultureInfo.InvariantCulture, $"{update.Done:#,0}/{update.Total:#,0} {unit} ({percent}%, {Rate(rate)}/s, {left} left");
        return update.Detail is null ? $"{label}: {measure})" : $"{label}: {measure}); {update.Detail}";
    }

    /// <summary>A rate with a decimal only while it is small enough for one to matter.</summary>
    public static string Rate(double perSecond) => perSecond.ToString(perSecond < 100 ? "#,0.0" : "#,0", CultureInfo.InvariantCulture);

    /// <summary>1h02m, 3m05s, 12s.</summary>
    public static string Duration(TimeSpan span) => span switch
    {
        { TotalHours: >= 1 } => $"{(int)span.TotalHours}h{span.Minutes:00}m",
        { TotalMinutes: >= 1 } => $"{(int)span.TotalMinutes}m{span.Seconds:00}s",
        _ => $"{(int)Math.Ceiling(span.TotalSeconds)}s",
    };
}
