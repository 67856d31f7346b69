namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Runs every candidate model side by side and forecasts with a weighted mean of their forecasts. Each candidate's
/// forecast for each scored horizon (<see cref="ForecastModelOptions.AutoHorizons"/>) is kept until its bucket closes and
/// then scored, so the weights only use errors a candidate made without seeing the answer. At each horizon a candidate
/// weighs in proportion to its rolling absolute error there to the power -<see cref="ForecastModelOptions.AutoWeightPower"/>,
/// shrunk toward equal weights by <see cref="ForecastModelOptions.AutoShrinkage"/>; a horizon asked for between scored
/// ones takes the weights of the scored one below it. The combined point always lies between the candidates' points, so in
/// no bucket does it err more than the worst of them. The bounds are calibrated on the combination's own scored misses
/// (<see cref="CombinationBounds"/>). A new type starts with equal weights.
/// </summary>
public sealed class AutoModel : ISavableForecastModel, IBucketAlignedModel
{
    /// <summary>Leads the state; states written before the combination began with the candidate count, never negative.</summary>
    private const int StateFormat = -2;

    private readonly ISavableForecastModel[] _candidates;
    /// <summary>Shared with every model of the same options (<see cref="ForecastModelOptions.AutoLayout"/>): never written.</summary>
    private readonly int[] _horizons;
    private readonly int _lead;
    private readonly double _errorWeight;
    private readonly double _hysteresis;
    private readonly double _power;
    private readonly double _shrinkage;
    private readonly ForecastRings _forecasts;
    private readonly double[] _errors;
    private readonly double[] _weights;
    private readonly CombinationBounds _bounds;
    /// <summary>
    /// The forecast at each scored horizon since the last bucket closed, by horizon index: one per scored horizon rather
    /// than one per horizon up to the longest, which for 100,000 types would hold about 75 MB of empty slots.
    /// </summary>
    private readonly Forecast?[] _latest;
    private long _observed;
    private int _current;

    public AutoModel(ForecastModelOptions options)
    {
        options.Validate();
        _candidates = options.AutoCandidates
            .Where(name => name != ForecastModels.Gbm || options.Gbm is not null)
            .Select(name => ForecastModels.Create(name, options))
            .ToArray();
        if (_candidates.Length == 0)
            throw new ArgumentException($"auto-candidates = {string.Join(",", options.AutoCandidates)} leaves no candidate without a gbm model file");
        var layout = options.AutoLayout;
        _horizons = layout.Horizons;
        _lead = Array.IndexOf(_horizons, options.AutoHorizon);
        _errorWeight = 2.0 / (options.AutoErrorWindow + 1);
        _hysteresis = options.AutoHysteresis;
        _power = options.AutoWeightPower;
        _shrinkage = options.AutoShrinkage;
        _forecasts = new ForecastRings(layout, _candidates.Length);
        _errors = new double[_horizons.Length * _candidates.Length];
        _weights = new double[_errors.Length];
        _bounds = new CombinationBounds(layout, options.Confidence, options.AutoIntervalStep);
        _latest = new Forecast?[_horizons.Length];
        UpdateWeights();
    }

    public string Name => ForecastModels.Auto;

    /// <summary>
    /// The leading candidate: lowest rolling error at <see cref="ForecastModelOptions.AutoHorizon"/>, switching only past
    /// the hysteresis margin. It says which model a type resembles; the forecasts combine every candidate.
    /// </summary>
    public string Current => _candidates[_current].Name;

    public int StateBytes =>
        64 + (_errors.Length + _weights.Length) * sizeof(double) + _forecasts.AllocatedBytes + _bounds.AllocatedBytes
        + _candidates.Sum(c => c.StateBytes + 24);

    /// <summary>Each candidate's rolling mean absolute error at <see cref="ForecastModelOptions.AutoHorizon"/>, in candidate order.</summary>
    public IReadOnlyList<(string Model, double Error)> RollingErrors =>
        _candidates.Select((c, i) => (c.Name, _errors[_lead * _candidates.Length + i])).ToList();

    /// <summary>Each candidate's weight in a forecast <paramref name="horizon"/> buckets ahead, in candidate order; they sum to 1.</summary>
    public IReadOnlyList<(string Model, double Weight)> WeightsAt(int horizon)
    {
        var k = HorizonIndex(horizon);
        return _candidates.Select((c, i) => (c.Name, _weights[k * _candidates.Length + i])).ToList();
    }

    public void Observe(double count)
    {
        var closing = _observed;
        for (var k = 0; k < _horizons.Length; k++)
        {
            for (var c = 0; c < _candidates.Length; c++)
            {
                if (_forecasts.TryTake(k, c, closing, out var forecast))
                {
                    ref var error = ref _errors[k * _candidates.Length + c];
                    error += _errorWeight * (Math.Abs(count - forecast) - error);
                }
            }
        }

        _bounds.Score(count, closing);
        foreach (var candidate in _candidates)
            candidate.Observe(count);
        UpdateWeights();
        if (closing >= _horizons[_lead])
            Choose();
        Array.Clear(_latest);
        for (var k = 0; k < _horizons.Length; k++)
            _latest[k] = Compose(k, _horizons[k], closing);
        _observed++;
    }

    /// <summary>A scored horizon's forecast is kept until the next bucket closes; another horizon's is composed on each call.</summary>
    public Forecast Predict(int horizon)
    {
        var k = HorizonIndex(horizon);
        if (_horizons[k] != horizon)
            return Compose(k, horizon, null);
        return _latest[k] ??= Compose(k, horizon, null);
    }

    public void AlignTo(long bucketIndex)
    {
        foreach (var candidate in _candidates)
            (candidate as IBucketAlignedModel)?.AlignTo(bucketIndex);
        Array.Clear(_latest);
    }

    /// <summary>
    /// The forecast <paramref name="horizon"/> ahead from the weights of scored horizon <paramref name="k"/>; when
    /// <paramref name="observed"/> is given, the candidates' and the combined forecast are kept to be scored.
    /// </summary>
    private Forecast Compose(int k, int horizon, long? observed)
    {
        double point = 0, spread = 0, error = 0;
        for (var c = 0; c < _candidates.Length; c++)
        {
            var weight = _weights[k * _candidates.Length + c];
            error += weight * _errors[k * _candidates.Length + c];
            if (weight == 0 && observed is null)
                continue;
            var forecast = _candidates[c].Predict(horizon);
            if (observed is { } n)
                _forecasts.Put(k, c, n, forecast.Point);
            point += weight * forecast.Point;
            spread += weight * (forecast.Upper - forecast.Point);
        }
        var combined = Forecast.OfCount(point, _bounds.HalfWidth(k, spread, error));
        if (observed is { } bucket)
            _bounds.Record(k, bucket, combined);
        return combined;
    }

    /// <summary>The scored horizon whose weights serve <paramref name="horizon"/>: the longest not beyond it, else the first.</summary>
    private int HorizonIndex(int horizon)
    {
        var k = 0;
        while (k + 1 < _horizons.Length && _horizons[k + 1] <= horizon)
            k++;
        return k;
    }

    private void UpdateWeights()
    {
        var n = _candidates.Length;
        for (var k = 0; k < _horizons.Length; k++)
        {
            var errors = _errors.AsSpan(k * n, n);
            var weights = _weights.AsSpan(k * n, n);
            var largest = 0.0;
            foreach (var error in errors)
                largest = Math.Max(largest, error);
            if (!(largest > 0) || !double.IsFinite(largest))
            {
                // Nothing scored yet, or every candidate exact: no reason to prefer one.
                weights.Fill(1.0 / n);
                continue;
            }
            // A candidate with no error at all weighs as one a billion times better than the worst, not infinitely.
            var total = 0.0;
            for (var c = 0; c < n; c++)
                total += weights[c] = Math.Pow(Math.Max(errors[c], 1e-9 * largest) / largest, -_power);
            for (var c = 0; c < n; c++)
                weights[c] = (1 - _shrinkage) * weights[c] / total + _shrinkage / n;
        }
    }

    private void Choose()
    {
        var errors = _errors.AsSpan(_lead * _candidates.Length, _candidates.Length);
        var best = _current;
        for (var c = 0; c < errors.Length; c++)
        {
            if (errors[c] < errors[best])
                best = c;
        }

        if (best != _current && errors[best] < (1 - _hysteresis) * errors[_current])
            _current = best;
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(StateFormat);
        writer.Write(_candidates.Length);
        writer.Write(_horizons.Length);
        foreach (var horizon in _horizons)
            writer.Write(horizon);
        writer.Write(_observed);
        writer.Write(_current);
        StateArrays.Write(writer, _errors);
        _forecasts.Write(writer);
        _bounds.Write(writer);
        foreach (var candidate in _candidates)
        {
            writer.Write(candidate.Name);
            candidate.WriteState(writer);
        }
    }

    public void ReadState(BinaryReader reader)
    {
        var format = reader.ReadInt32();
        if (format != StateFormat)
        {
            throw new InvalidDataException(format > 0
                ? $"auto state of the selecting format (it begins with a candidate count, {format}); this build combines its candidates " +
                  $"and reads only format {-StateFormat}: start the type without a state, or write a new one with `forecast --save-state`"
                : $"auto state format {-format}; this build reads format {-StateFormat}");
        }

        var count = reader.ReadInt32();
        var horizons = new int[reader.ReadInt32()];
        if (horizons.Length is < 1 or > 16)
            throw new InvalidDataException($"auto state has {horizons.Length} scored horizons; this model has {_horizons.Length}");
        for (var k = 0; k < horizons.Length; k++)
            horizons[k] = reader.ReadInt32();
        if (count != _candidates.Length || !horizons.AsSpan().SequenceEqual(_horizons))
        {
            throw new InvalidDataException(
                $"auto state has {count} candidates scored at horizons {string.Join(",", horizons)}; " +
                $"this model has {_candidates.Length} at {string.Join(",", _horizons)}");
        }

        _observed = reader.ReadInt64();
        _current = reader.ReadInt32();
        if (_current < 0 || _current >= _candidates.Length)
            throw new InvalidDataException($"auto state leads with candidate {_current} of {_candidates.Length}");
        StateArrays.Read(reader, _errors);
        _forecasts.Read(reader);
        _bounds.Read(reader);
        foreach (var candidate in _candidates)
        {
            var name = reader.ReadString();
            if (name != candidate.Name)
                throw new InvalidDataException($"auto state holds candidate '{name}' where this model has '{candidate.Name}'");
            candidate.ReadState(reader);
        }
        UpdateWeights();
        Array.Clear(_latest);
    }
}
