namespace StreamMetrics.Replay.Live;

/// <summary>
/// What <c>replay</c> prints and writes with <c>--report</c>: the live run's totals under <c>policies.&lt;policy&gt;</c> (the
/// keys of <c>evaluate</c>'s report), the simulator's run of the same invocations under <c>simulated.&lt;policy&gt;</c>,
/// their agreement, per-function rows, and the metric records and bytes the pipeline published beside what the
/// simulator's metric-volume model counts for the same invocations (<c>metricRecords.live</c>, <c>.model</c>, <c>.ratio</c>).
/// </summary>
public sealed record ReplayReport(
    string Trace,
    string Durations,
    string Policy,
    double Speed,
    int Seed,
    double ColdStartMs,
    int Functions,
    int Minutes,
    long EventsProduced,
    long EventsProcessed,
    long DeadLettered,
    long LostMessages,
    long ProfileSwitches,
    long DispatchedLate,
    double MaxLatenessMs,
    double ElapsedSeconds,
    IReadOnlyDictionary<string, ReplayTotals> Policies,
    IReadOnlyDictionary<string, ReplayTotals> Simulated,
    ReplayAgreement Agreement,
    IReadOnlyList<ReplayFunctionRow> FunctionRows,
    LiveAndModel MetricRecords,
    LiveAndModel MetricBytes);
