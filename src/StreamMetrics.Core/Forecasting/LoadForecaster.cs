using System.Collections.Concurrent;

namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Counts arrivals per event type in time buckets and keeps one online model per type (the Predictive Load Analyzer).
/// Work per event is O(1) except when a bucket closes. Thread-safe: the forecast stage writes, the scaling actor reads.
/// Each type has its own lock, so the stream waits at most for one type's model update, never for the scaling actor
/// updating every type's model at a bucket boundary (a model refit takes milliseconds, seconds of a replayed trace).
/// </summary>
public sealed class LoadForecaster
{
    private readonly LoadForecasterOptions _options;
    private readonly Func<string, IForecastModel> _modelFactory;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, TypeState> _types = new(StringComparer.Ordinal);
    private readonly Lock _newTypes = new();

    public LoadForecaster(LoadForecasterOptions options, Func<string, IForecastModel> modelFactory, TimeProvider time)
    {
        options.Validate();
        _options = options;
        _modelFactory = modelFactory;
        _time = time;
    }

    public TimeSpan BucketLength => _options.BucketLength;

    /// <summary>Counts one arrival of <paramref name="eventType"/> now and returns the type's forecast.</summary>
    public TypeForecast Observe(string eventType)
    {
        var state = StateOf(eventType);
        lock (state.Gate)
        {
            state.AdvanceTo(BucketIndex(_time.GetUtcNow()), _options.MaxSilentBucketsReplayed);
            state.Arrivals++;
            return state.ToForecast(eventType, _options.BucketLength);
        }
    }

    /// <summary>The forecast of every known type as of now; closes buckets that ended without arrivals.</summary>
    public IReadOnlyList<TypeForecast> Snapshot()
    {
        var now = BucketIndex(_time.GetUtcNow());
        var result = new List<TypeForecast>(_types.Count);
        foreach (var (type, state) in _types)
        {
            lock (state.Gate)
            {
                state.AdvanceTo(now, _options.MaxSilentBucketsReplayed);
                result.Add(state.ToForecast(type, _options.BucketLength));
            }
        }
        return result;
    }

    /// <summary>
    /// Forecast of the bucket <paramref name="horizon"/> steps after the one filling now (1 = next), or false for a
    /// type never seen. Closes buckets that ended without arrivals first.
    /// </summary>
    public bool TryPredict(string eventType, int horizon, out Forecast forecast)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        forecast = default;
        if (!_types.TryGetValue(eventType, out var state))
            return false;
        lock (state.Gate)
        {
            state.AdvanceTo(BucketIndex(_time.GetUtcNow()), _options.MaxSilentBucketsReplayed);
            forecast = state.Model.Predict(horizon);
            return true;
        }
    }

    /// <summary>The event types this forecaster knows.</summary>
    public IReadOnlyList<string> Types => _types.Keys.ToList();

    /// <summary>
    /// A byte snapshot of one type's state (bucket, arrivals so far, model), for a new owner of the type to continue
    /// from; null for a type never seen. The model must implement <see cref="ISavableForecastModel"/>.
    /// </summary>
    public byte[]? SaveState(string eventType)
    {
        if (!_types.TryGetValue(eventType, out var state))
            return null;
        lock (state.Gate)
            return ForecasterState.Encode(state.Bucket, state.Arrivals, state.Model);
    }

    /// <summary>
    /// Replaces one type's state with a snapshot from <see cref="SaveState"/> or <see cref="ForecasterState.Encode"/>.
    /// A snapshot without a bucket (trained offline) continues at the current bucket; one with a bucket replays the
    /// silent buckets since then, as if this instance had been running.
    /// </summary>
    public void RestoreState(string eventType, byte[] snapshot)
    {
        var model = _modelFactory(eventType);
        var (bucket, arrivals) = ForecasterState.Decode(snapshot, model);
        var now = BucketIndex(_time.GetUtcNow());
        // A state trained offline knows nothing of this clock: its next bucket is the current one.
        if (bucket is null)
            (model as IBucketAlignedModel)?.AlignTo(now);
        _types[eventType] = new TypeState(model, bucket ?? now) { Arrivals = arrivals };
    }

    /// <summary>
    /// Drops one type's state: the type has moved to another instance, which continues from the snapshot this one handed
    /// over, so this one stops forecasting it. False for a type not known here.
    /// </summary>
    public bool Forget(string eventType) => _types.TryRemove(eventType, out _);

    private TypeState StateOf(string eventType)
    {
        if (_types.TryGetValue(eventType, out var state))
            return state;
        lock (_newTypes)
        {
            if (_types.TryGetValue(eventType, out state))
                return state;
            var bucket = BucketIndex(_time.GetUtcNow());
            var model = _modelFactory(eventType);
            (model as IBucketAlignedModel)?.AlignTo(bucket);
            state = new TypeState(model, bucket);
            _types[eventType] = state;
            return state;
        }
    }

    private long BucketIndex(DateTimeOffset at) => at.UtcTicks / _options.BucketLength.Ticks;

    private sealed class TypeState(IForecastModel model, long bucket)
    {
        public Lock Gate { get; } = new();

        public IForecastModel Model => model;

        public long Bucket { get; private set; } = bucket;
        public long Arrivals { get; set; }

        public void AdvanceTo(long bucket, int maxSilentBuckets)
        {
            if (bucket <= Bucket)
                return;
            model.Observe(Arrivals);
            var silent = Math.Min(bucket - Bucket - 1, maxSilentBuckets);
            for (var i = 0; i < silent; i++)
                model.Observe(0);
            Bucket = bucket;
            Arrivals = 0;
        }

        public TypeForecast ToForecast(string type, TimeSpan length) =>
            new(type, new DateTimeOffset(Bucket * length.Ticks, TimeSpan.Zero), length, Arrivals, model.Predict(1));
    }
}
