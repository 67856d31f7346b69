namespace StreamMetrics.Hosting.Http;

/// <summary>
/// The last <c>window</c> of samples for the live page, in rings of fixed size: memory is bounded by the sample count
/// times the type labels (at most <c>--metrics-max-types</c> + 1), whatever the run's length. Written by the sampler
/// once a tick and read by page requests; thread-safe.
/// </summary>
internal sealed class LoadHistory
{
    /// <summary>The most samples kept, whatever the window and interval: 2 h of half-second ticks.</summary>
    public const int MaxSamples = 14_400;

    private readonly int _capacity;
    private readonly int _rateSamples;
    private readonly long[] _times;
    private readonly Dictionary<string, Ring> _types = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _count;
    private int _next;

    /// <param name="window">How far back the history reaches.</param>
    /// <param name="interval">Time between samples.</param>
    /// <param name="rateWindow">
    /// What the actual rate is averaged over: a forecast bucket, so it compares like with like with the forecast of a
    /// bucket; at least one sample interval.
    /// </param>
    public LoadHistory(TimeSpan window, TimeSpan interval, TimeSpan rateWindow)
    {
        _capacity = (int)Math.Clamp(Math.Ceiling(window / interval), 2, MaxSamples);
        _rateSamples = (int)Math.Clamp(Math.Round(rateWindow / interval), 1, _capacity - 1);
        _times = new long[_capacity];
    }

    /// <summary>Samples the history holds at most.</summary>
    public int Capacity => _capacity;

    /// <summary>Adds one sample; a label's profile is kept as its place in <paramref name="profiles"/>, the catalog's order.</summary>
    public void Add(LiveReading reading, string[] profiles)
    {
        lock (_gate)
        {
            var slot = _next;
            var now = reading.At.ToUnixTimeMilliseconds();
            _times[slot] = now;
            var back = Math.Min(_rateSamples, _count);
            var before = (slot - back + _capacity) % _capacity;
            var seconds = (now - _times[before]) / 1000.0;
            // A label missing from this reading (a type the service forgot) gets a gap, not an old value.
            foreach (var ring in _types.Values)
                ring.Clear(slot);
            foreach (var type in reading.Types)
            {
                if (!_types.TryGetValue(type.Label, out var ring))
                    _types.Add(type.Label, ring = new Ring(type.Label, _capacity));
                ring.Write(slot, type, profiles, back > 0 && seconds > 0 ? (type.Arrivals - ring.ArrivalsAt(before)) / seconds : double.NaN);
            }
            _next = (slot + 1) % _capacity;
            _count = Math.Min(_count + 1, _capacity);
        }
    }

    /// <summary>The samples taken after <paramref name="sinceUnixMs"/>, oldest first.</summary>
    public HistoryWindow Since(long sinceUnixMs)
    {
        lock (_gate)
        {
            var first = (_next - _count + _capacity) % _capacity;
            var skip = 0;
            while (skip < _count && _times[(first + skip) % _capacity] <= sinceUnixMs)
                skip++;
            var indices = Enumerable.Range(skip, _count - skip).Select(i => (first + i) % _capacity).ToArray();
            return new HistoryWindow(
                [.. indices.Select(i => _times[i])],
                [.. _types.Values.OrderBy(r => r.Label, StringComparer.Ordinal).Select(r => r.Copy(indices))]);
        }
    }

    /// <summary>Each label's latest actual rate, events per second; empty before the second sample.</summary>
    public IReadOnlyDictionary<string, double> LatestActual()
    {
        lock (_gate)
        {
            return _types.Values
                .Where(r => double.IsFinite(r.LatestActual))
                .ToDictionary(r => r.Label, r => r.LatestActual, StringComparer.Ordinal);
        }
    }

    /// <summary>One label's rings; a label first seen now has NaN for every earlier sample and no arrivals before it.</summary>
    private sealed class Ring
    {
        private const int SeriesCount = 11;

        private readonly float[][] _series;
        private readonly long[] _arrivals;
        private long _coldStarts;

        public Ring(string label, int capacity)
        {
            Label = label;
            _series = [.. Enumerable.Range(0, SeriesCount).Select(_ => Enumerable.Repeat(float.NaN, capacity).ToArray())];
            _arrivals = new long[capacity];
        }

        public string Label { get; }

        /// <summary>The actual rate of the latest sample, unrounded (the rings keep single precision); NaN when unknown.</summary>
        public double LatestActual { get; private set; } = double.NaN;

        public long ArrivalsAt(int slot) => _arrivals[slot];

        public void Clear(int slot)
        {
            foreach (var series in _series)
                series[slot] = float.NaN;
            LatestActual = double.NaN;
        }

        public void Write(int slot, TypeReading type, string[] profiles, double actual)
        {
            var profile = type.MainProfile(profiles) is { } main ? Array.IndexOf(profiles, main) : -1;
            float[] values =
            [
                (float)actual, (float)type.Predicted, (float)type.PredictedLower, (float)type.PredictedUpper,
                profile < 0 ? float.NaN : profile, type.Instances, type.Executing, type.ColdStarts - _coldStarts,
                (float)type.PredictedBytes, (float)type.PredictedBytesLower, (float)type.PredictedBytesUpper,
            ];
            for (var i = 0; i < values.Length; i++)
                _series[i][slot] = values[i];
            _arrivals[slot] = type.Arrivals;
            _coldStarts = type.ColdStarts;
            LatestActual = actual;
        }

        public TypeSeries Copy(int[] slots)
        {
            float[] Pick(int series) => [.. slots.Select(slot => _series[series][slot])];
            return new TypeSeries(Label, Pick(0), Pick(1), Pick(2), Pick(3), Pick(4), Pick(5), Pick(6), Pick(7), Pick(8), Pick(9), Pick(10));
        }
    }
}
