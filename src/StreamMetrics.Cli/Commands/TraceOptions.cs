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

    /// <summary><c>--split tune|eval|all</c>: one half of the trace's functions, by a hash of the function id.</summary>
    public static Option<string> Split(string description)
    {
        var split = new Option<string>("--split") { Description = description, DefaultValueFactory = _ => "all" };
        split.AcceptOnlyFromAmong("tune", "eval", "all");
        return split;
    }

    private static string BuiltIn => string.Join(", ", TraceFiles.BuiltInNames);
}
