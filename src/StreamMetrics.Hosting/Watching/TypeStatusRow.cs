using StreamMetrics.Core.Forecasting;

namespace StreamMetrics.Hosting.Watching;

/// <summary>One event type as an operator watches it; null where nothing has told it yet.</summary>
/// <param name="EventType">The event type.</param>
/// <param name="ActualPerSecond">Events arriving per second.</param>
/// <param name="PredictedPerSecond">The forecast rate of the next bucket.</param>
/// <param name="LowerPerSecond">Lower bound of that forecast, per second.</param>
/// <param name="UpperPerSecond">Upper bound of that forecast, per second.</param>
/// <param name="Profile">The metric profile its events run with.</param>
/// <param name="Instances">Its instances in the worker pool.</param>
/// <param name="Executing">Of those, the ones executing an invocation (busy).</param>
/// <param name="Floor">The warm floor its own scaling policy last set, when it has one.</param>
/// <param name="ColdStarts">Its instances started so far.</param>
/// <param name="MetricRecordsPerSecond">Its metric records per second, per <c>metrics.&lt;profile&gt;</c> topic.</param>
/// <param name="Stale">Nothing new has come for it for a while: the figures are the last known.</param>
/// <param name="PredictedBytesPerSecond">The forecast payload bytes per second of the next bucket, with bounds; null where no forecast said.</param>
public sealed record TypeStatusRow(
    string EventType,
    double? ActualPerSecond,
    double? PredictedPerSecond,
    double? LowerPerSecond,
    double? UpperPerSecond,
    string? Profile,
    int? Instances,
    int? Executing,
    int? Floor,
    long? ColdStarts,
    IReadOnlyDictionary<string, double> MetricRecordsPerSecond,
    bool Stale = false,
    Forecast? PredictedBytesPerSecond = null);
