using System.Buffers;
using System.Collections.Concurrent;
using StreamMetrics.Core.Events;

namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Counts arrivals and payload bytes per event type in time buckets and keeps, per type, one online model of each (the
/// Predictive Load Analyzer): the bytes model is made by the same factory, so it combines and calibrates its bounds as the
/// arrivals model does.
/// Work per event is O(1) except when a bucket closes. Thread-safe: the forecast stage writes, the scaling actor reads.
/// Each type has its own lock, so the stream waits at most for one type's model update, never for the scaling actor
/// updating every type's model at a bucket boundary (a model refit takes milliseconds, seconds of a replayed trace).
/// The table of types is bounded (<see cref="TypeTableOptions"/>): a forgotten type that comes back starts afresh.
/// An event finds its type's state without the table's lock, and tells the table the type is still seen only once per
/// <see cref="TouchInterval"/> of the type's events, so a type's last sighting, by which the table orders its types, is
/// known to within that interval.
/// </summary>
public sealed class LoadForecaster
{
    private readonly LoadForecasterOptions _options;
    private readonly Func<string, IForecastModel> _modelFactory;
    private readonly TimeProvider _time;
    private readonly RecentTypes<TypeState> _types;
    // Guards the table, held only to find or add a type's state, never while a model works.
    private readonly Lock _table = new();
    private readonly Func<string, TypeState> _newState;

    // The states the table holds, for an event to find without the table's lock; kept in step with the table under it.
    private readonly ConcurrentDictionary<string, TypeState> _held = new(StringComparer.Ordinal);
    private readonly long _touchTicks;

    /// <summary>
    /// The longest a type's last sighting may lag behind its last event in the table, and no more than a hundredth of
    /// the idle timeout: a negligible error against idle timeouts of a second and more.
    /// </summary>
    internal static readonly TimeSpan TouchInterval = TimeSpan.FromMilliseconds(100);

    /// <summary><see cref="TouchInterval"/> under <paramref name="types"/>' idle timeout, in ticks; the configurator keeps the same.</summary>
    internal static long TouchTicks(TypeTableOptions types) => Math.Min(TouchInterval.Ticks, types.IdleTimeout.Ticks / 100);

    /// <param name="types">The bound on the table of types; default <see cref="TypeTableOptions"/>' defaults.</param>
    public LoadForecaster(LoadForecasterOptions options, Func<string, IForecastModel> modelFactory, TimeProvider time, TypeTableOptions? types = null)
    {
        options.Validate();
        _options = options;
        _modelFactory = modelFactory;
        _time = time;
        types ??= new TypeTableOptions();
        _types = new RecentTypes<TypeState>(types, time, evicting: Evicting);
        _newState = NewState;
        _touchTicks = TouchTicks(types);
    }

    public TimeSpan BucketLength => _options.BucketLength;

    /// <summary>Event types held now; never more than the bound.</summary>
    public int TypeCount
    {
        get
        {
            lock (_table)
                return _types.Count;
        }
    }

    /// <summary>Most event types held at once so far.</summary>
    public int PeakTypeCount
    {
        get
        {
            lock (_table)
                return _types.PeakCount;
        }
    }

    /// <summary>Whether <paramref name="eventType"/> is held now (seen, and not forgotten since).</summary>
    public bool Knows(string eventType)
    {
        lock (_table)
            return _types.TryGet(eventType, out _);
    }

    /// <summary>
    /// Counts one arrival of <paramref name="eventType"/> now, carrying <paramref name="payloadBytes"/>, and returns the
    /// type's forecast.
    /// </summary>
    public TypeForecast Observe(string eventType, long payloadBytes = 0) =>
        Count(eventType, payloadBytes, _time.GetUtcNow().UtcTicks, static (state, type, length, _) => state.ToForecast(type, length));

    /// <summary>
    /// Counts one arrival of <paramref name="eventType"/> now, carrying <paramref name="payloadBytes"/>, and returns the
    /// type's predicted load for the next bucket: what the per-event path needs, without building a
    /// <see cref="TypeForecast"/>. The models' forecasts change only when a bucket closes, so they are asked once per
    /// bucket, not per event.
    /// </summary>
    public PredictedLoad ObserveLoad(string eventType, long payloadBytes) => ObserveLoad(eventType, payloadBytes, _time.GetUtcNow());

    /// <summary>
    /// <see cref="ObserveLoad(string, long)"/> at <paramref name="now"/>, this forecaster's clock read by the caller for
    /// the event (see <see cref="ClockReader"/>): the event's stages share one reading of the clock.
    /// </summary>
    public PredictedLoad ObserveLoad(string eventType, long payloadBytes, DateTimeOffset now) =>
        Count(eventType, payloadBytes, now.UtcTicks, static (state, _, length, now) => state.ToLoad(length, now));

    /// <summary>Counts one arrival and its payload bytes in the type's current bucket, then reads the type's state.</summary>
    private T Count<T>(string eventType, long payloadBytes, long now, Func<TypeState, string, TimeSpan, long, T> read)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadBytes);
        // One reading of the clock serves the bucket and the type's sighting.
        var state = _held.TryGetValue(eventType, out var held) && !held.Forgotten && now - held.TouchedAt < _touchTicks
            ? held
            : Touch(eventType, now);
        lock (state.Gate)
        {
            state.AdvanceTo(now / _options.BucketLength.Ticks, _options.MaxSilentBucketsReplayed);
            state.Arrivals++;
            state.Bytes += payloadBytes;
            return read(state, eventType, _options.BucketLength, now);
        }
    }

    /// <summary>
    /// The forecast of every known type as of now; closes buckets that ended without arrivals. Forgets the types idle
    /// for the bound's idle timeout first.
    /// </summary>
    public IReadOnlyList<TypeForecast> Snapshot()
    {
        var now = BucketIndex(_time.GetUtcNow());
        var (held, count) = RentHeld(evictIdle: true);
        var result = new List<TypeForecast>(count);
        try
        {
            foreach (var (type, state) in held.AsSpan(0, count))
            {
                lock (state.Gate)
                {
                    state.AdvanceTo(now, _options.MaxSilentBucketsReplayed);
                    result.Add(state.ToForecast(type, _options.BucketLength));
                }
            }
        }
        finally
        {
            ArrayPool<KeyValuePair<string, TypeState>>.Shared.Return(held, clearArray: true);
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
        if (Find(eventType) is not { } state)
            return false;
        lock (state.Gate)
        {
            state.AdvanceTo(BucketIndex(_time.GetUtcNow()), _options.MaxSilentBucketsReplayed);
            forecast = state.Model.Predict(horizon);
            return true;
        }
    }

    /// <summary>The event types this forecaster knows.</summary>
    public IReadOnlyList<string> Types => Held(evictIdle: false).Select(entry => entry.Key).ToList();

    /// <summary>
    /// A byte snapshot of one type's state (bucket, arrivals and bytes so far, both models), for a new owner of the type
    /// to continue from; null for a type never seen. The models must implement <see cref="ISavableForecastModel"/>.
    /// </summary>
    public byte[]? SaveState(string eventType)
    {
        if (Find(eventType) is not { } state)
            return null;
        lock (state.Gate)
            return ForecasterState.Encode(state.Bucket, state.Arrivals, state.Model, (state.Bytes, state.BytesModel));
    }

    /// <summary>Approximate bytes of managed memory both models of one type hold; 0 for a type never seen or models that do not say.</summary>
    public int StateBytes(string eventType)
    {
        if (Find(eventType) is not { } state)
            return 0;
        lock (state.Gate)
            return ((state.Model as ISavableForecastModel)?.StateBytes ?? 0) + ((state.BytesModel as ISavableForecastModel)?.StateBytes ?? 0);
    }

    /// <summary>
    /// Replaces one type's state with a snapshot from <see cref="SaveState"/> or <see cref="ForecasterState.Encode"/>.
    /// A snapshot without a bucket (trained offline) continues at the current bucket; one with a bucket replays the
    /// silent buckets since then, as if this instance had been running. A snapshot without a bytes model (written before
    /// bytes were forecast, or trained offline on arrivals) starts the type's bytes model afresh at the snapshot's bucket.
    /// </summary>
    public void RestoreState(string eventType, byte[] snapshot)
    {
        var model = _modelFactory(eventType);
        var bytesModel = _modelFactory(eventType);
        var restored = ForecasterState.Decode(snapshot, model, bytesModel);
        var bucket = restored.Bucket ?? BucketIndex(_time.GetUtcNow());
        // A state trained offline knows nothing of this clock: its next bucket is the current one.
        if (restored.Bucket is null)
            (model as IBucketAlignedModel)?.AlignTo(bucket);
        if (restored.Bytes is null || restored.Bucket is null)
            (bytesModel as IBucketAlignedModel)?.AlignTo(bucket);
        var state = new TypeState(model, bytesModel, bucket) { Arrivals = restored.Arrivals, Bytes = restored.Bytes ?? 0 };
        lock (_table)
        {
            if (_types.TryGet(eventType, out var replaced))
                Release(eventType, replaced);
            _types.Set(eventType, state);
            _held[eventType] = state;
        }
    }

    /// <summary>
    /// Drops one type's state: the type has moved to another instance, which continues from the snapshot this one handed
    /// over, so this one stops forecasting it. False for a type not known here.
    /// </summary>
    public bool Forget(string eventType)
    {
        lock (_table)
        {
            if (!_types.TryGet(eventType, out var state))
                return false;
            Release(eventType, state);
            return _types.Remove(eventType);
        }
    }

    /// <summary>Marks <paramref name="eventType"/> seen in the table, adding it if new, at <paramref name="now"/> (UTC ticks).</summary>
    private TypeState Touch(string eventType, long now)
    {
        lock (_table)
        {
            var state = _types.Touch(eventType, _newState);
            state.TouchedAt = now;
            _held[eventType] = state;
            return state;
        }
    }

    /// <summary>Called by the table, under its lock, for each type it forgets.</summary>
    private void Evicting(string eventType, TypeState state) => Release(eventType, state);

    /// <summary>Takes a state out of the lock-free lookup; an event that found it just before counts in it, as it would have before.</summary>
    private void Release(string eventType, TypeState state)
    {
        state.Forgotten = true;
        _held.TryRemove(new KeyValuePair<string, TypeState>(eventType, state));
    }

    private TypeState? Find(string eventType)
    {
        lock (_table)
            return _types.TryGet(eventType, out var state) ? state : null;
    }

    private List<KeyValuePair<string, TypeState>> Held(bool evictIdle)
    {
        lock (_table)
        {
            if (evictIdle)
                _types.EvictIdle();
            return _types.Entries.ToList();
        }
    }

    /// <summary>
    /// The types held, in a pooled array to return cleared: a snapshot on every tick would otherwise leave an array
    /// of every type behind each time (1.6 MB for 100,000 types), to be collected with the long-lived state.
    /// </summary>
    private (KeyValuePair<string, TypeState>[] Held, int Count) RentHeld(bool evictIdle)
    {
        lock (_table)
        {
            if (evictIdle)
                _types.EvictIdle();
            var held = ArrayPool<KeyValuePair<string, TypeState>>.Shared.Rent(Math.Max(1, _types.Count));
            var count = 0;
            foreach (var entry in _types.Entries)
                held[count++] = entry;
            return (held, count);
        }
    }

    private TypeState NewState(string eventType)
    {
        var bucket = BucketIndex(_time.GetUtcNow());
        var model = _modelFactory(eventType);
        var bytesModel = _modelFactory(eventType);
        (model as IBucketAlignedModel)?.AlignTo(bucket);
        (bytesModel as IBucketAlignedModel)?.AlignTo(bucket);
        return new TypeState(model, bytesModel, bucket);
    }

    private long BucketIndex(DateTimeOffset at) => at.UtcTicks / _options.BucketLength.Ticks;

    private sealed class TypeState(IForecastModel model, IForecastModel bytesModel, long bucket)
    {
        public Lock Gate { get; } = new();

        /// <summary>When the table last heard the type was seen (UTC ticks).</summary>
        public long TouchedAt
        {
            get => Volatile.Read(ref field);
            set => Volatile.Write(ref field, value);
        }

        /// <summary>Whether the table forgot the type: its next event makes a new state.</summary>
        public bool Forgotten
        {
            get => Volatile.Read(ref field);
            set => Volatile.Write(ref field, value);
        }

        public IForecastModel Model => model;

        public IForecastModel BytesModel => bytesModel;

        public long Bucket { get; private set; } = bucket;
        public long Arrivals { get; set; }
        public long Bytes { get; set; }

        public void AdvanceTo(long bucket, int maxSilentBuckets)
        {
            if (bucket <= Bucket)
                return;
            model.Observe(Arrivals);
            bytesModel.Observe(Bytes);
            var silent = Math.Min(bucket - Bucket - 1, maxSilentBuckets);
            for (var i = 0; i < silent; i++)
            {
                model.Observe(0);
                bytesModel.Observe(0);
            }
            Bucket = bucket;
            Arrivals = 0;
            Bytes = 0;
            _nextBucket = null;
            _nextBucketBytes = null;
            _forecast = null;
        }

        /// <summary>The model's forecast of the next bucket, asked once per bucket: models learn only when a bucket closes.</summary>
        public Forecast NextBucket() => _nextBucket ??= model.Predict(1);

        /// <summary>The bytes model's forecast of the next bucket, asked once per bucket as <see cref="NextBucket"/> is.</summary>
        public Forecast NextBucketBytes() => _nextBucketBytes ??= bytesModel.Predict(1);

        public PredictedLoad ToLoad(TimeSpan length, long now) =>
            new(new DateTimeOffset(Bucket * length.Ticks, TimeSpan.Zero), length, Arrivals, NextBucket(), NextBucketBytes())
            {
                CountedAt = new DateTimeOffset(now, TimeSpan.Zero),
            };

        /// <summary>
        /// The type's forecast as of now. A tick asks every type for one, and most types had no arrival since the last
        /// tick, so the one made last is given again while it still says the same: a new one for each of 100,000 types
        /// on every tick would outlive the tick's collections and pile up with the long-lived state until a full one.
        /// </summary>
        public TypeForecast ToForecast(string type, TimeSpan length)
        {
            if (_forecast is { } kept && kept.ArrivalsInBucket == Arrivals && kept.Bytes?.InBucket == Bytes)
                return kept;
            return _forecast = new(type, new DateTimeOffset(Bucket * length.Ticks, TimeSpan.Zero), length, Arrivals, NextBucket())
            {
                Bytes = new ByteForecast(Bytes, NextBucketBytes()),
            };
        }

        private Forecast? _nextBucket;
        private Forecast? _nextBucketBytes;
        private TypeForecast? _forecast;
    }
}
