using System.Globalization;
using StreamMetrics.Core.Events;
using StreamMetrics.Replay.Simulation;

namespace StreamMetrics.Replay.Live;

/// <summary>
/// A trace's invocations as events: the function is the event type, the arrival time the timestamp, the execution
/// time the payload's <c>durationMs</c> (which the synthetic function runs for), and a running number the key.
/// </summary>
internal static class TraceEvents
{
    /// <param name="invocations">In ascending arrival order.</param>
    /// <param name="start">Clock time of the trace's second 0.</param>
    public static IEnumerable<StreamEvent> Of(IEnumerable<TraceInvocation> invocations, DateTimeOffset start)
    {
        var sequence = 0L;
        foreach (var invocation in invocations)
        {
            sequence++;
            var payload = string.Create(CultureInfo.InvariantCulture, $"{{\"durationMs\":{invocation.DurationSeconds * 1000:0.###}}}");
            yield return new StreamEvent(
                invocation.Function, sequence.ToString(CultureInfo.InvariantCulture), start + TimeSpan.FromSeconds(invocation.Seconds), payload);
        }
    }
}
