using System.CommandLine;
using StreamMetrics.Replay.Traces;

namespace StreamMetrics.Cli.Commands;

/// <summary>The trace inputs of <c>forecast</c>, <c>evaluate</c> and <c>replay</c>: a file, or the name of a built-in trace.</summary>
internal static class TraceOptions
{
    public static Argument<string> Trace() => new("trace")
    {
        Description = $"Azure Functions 2019 minute trace: a CSV file (HashFunction, Trigger, 1..1440) or a built-in trace ({BuiltIn})",
    };

    public static Option<string> Durations() => new("--durations")
    {
        Description = $"per-function durations: a CSV file (HashFunction, DurAvgMs, DurP0Ms..DurP100Ms) or a built-in trace ({BuiltIn})",
        Required = true,
    };

    private static string BuiltIn => string.Join(", ", TraceFiles.BuiltInNames);
}
