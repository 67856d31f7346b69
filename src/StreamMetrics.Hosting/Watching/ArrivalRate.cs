using StreamMetrics.Kafka.Serialization;

namespace StreamMetrics.Hosting.Watching;

/// <summary>
/// A type's arrival rate as its forecasts show it: each forecast adds the arrivals counted since the one before, over
/// the time between them, or, once a new bucket has begun, its arrivals since the bucket's start over that time. The
/// rate is their sum over the window before the writer's latest forecast of any type, in the writer's time, so a replay
/// on a faster clock shows arrivals per second of its own clock, as its predictions are. The writer publishes a type's
/// forecast only when it says something new, so the time since the type's latest forecast counts as time without arrivals.
/// </summary>
internal sealed class ArrivalRate(TimeSpan window)
{
    private readonly Queue<(DateTimeOffset At, long Arrivals, double Seconds)> _pieces = new();
    private ForecastRecord? _last;

    public void Add(ForecastRecord record)
    {
        var forecast = record.Forecast;
        if (_last is { } last && record.At <= last.At)
            return;
        if (_last is { } previous && previous.Forecast.BucketStart == forecast.BucketStart)
            Keep(record.At, forecast.ArrivalsInBucket - previous.Forecast.ArrivalsInBucket, (record.At - previous.At).TotalSeconds);
        else if (record.At > forecast.BucketStart)
            Keep(record.At, forecast.ArrivalsInBucket, (record.At - forecast.BucketStart).TotalSeconds);
        _last = record;
        while (_pieces.TryPeek(out var oldest) && oldest.At <= record.At - window)
            _pieces.Dequeue();
    }

    /// <summary>
    /// Arrivals per second over the window before <paramref name="writerNow"/>, the writer's latest forecast of any type;
    /// null before two forecasts (or one well into its bucket) were seen and no time has passed since.
    /// </summary>
    public double? PerSecond(DateTimeOffset writerNow)
    {
        if (_last is not { } last)
            return null;
        var from = writerNow - window;
        var silence = Math.Max(0, (writerNow - last.At).TotalSeconds);
        double seconds = 0;
        long arrivals = 0;
        foreach (var piece in _pieces)
        {
            if (piece.At <= from)
                continue;
            seconds += piece.Seconds;
            arrivals += piece.Arrivals;
        }
        seconds += silence;
        return seconds > 0 ? arrivals / seconds : null;
    }

    private void Keep(DateTimeOffset at, long arrivals, double seconds)
    {
        // A count that went down comes from a new writer (a rebalance, a restart): it starts a fresh measurement.
        if (arrivals < 0)
        {
            _pieces.Clear();
            return;
        }
        _pieces.Enqueue((at, arrivals, seconds));
    }
}
