namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Runs every candidate model side by side and forecasts with the one whose rolling out-of-sample absolute error at
/// <see cref="ForecastModelOptions.AutoHorizon"/> is lowest. Each candidate's forecast for the bucket h ahead is kept
/// until that bucket closes and then scored, so the choice only uses errors a candidate made without seeing the
/// answer. It switches only when another candidate's error is lower by the hysteresis margin, so the choice does not
/// flap between near-equal models. A new type starts with the first candidate.
/// </summary>
public sealed class AutoModel : ISavableForecastModel, IBucketAlignedModel
{
    private readonly ISavableForecastModel[] _candidates;
    private readonly double[] _errors;
    private readonly double[] _pending;
    private readonly int _horizon;
    private readonly double _errorWeight;
    private readonly double _hysteresis;
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
        _horizon = options.AutoHorizon;
        _errorWeight = 2.0 / (options.AutoErrorWindow + 1);
        _hysteresis = options.AutoHysteresis;
        _errors = new double[_candidates.Length];
        _pending = new double[_candidates.Length * _horizon];
    }

    public string Name => ForecastModels.Auto;

    /// <summary>The name of the candidate whose forecasts are used now.</summary>
    public string Current => _candidates[_current].Name;

    public int StateBytes =>
        64 + (_errors.Length + _pending.Length) * sizeof(double) + _candidates.Sum(c => c.StateBytes + 24);

    /// <summary>Each candidate's rolling mean absolute error at the scoring horizon, in candidate order.</summary>
    public IReadOnlyList<(string Model, double Error)> RollingErrors =>
        _candidates.Select((c, i) => (c.Name, _errors[i])).ToList();

    public void Observe(double count)
    {
        // The forecast made h buckets ago for this bucket sits in the slot this bucket's index maps to.
        var slot = (int)(_observed % _horizon);
        var scored = _observed >= _horizon;
        for (var c = 0; c < _candidates.Length; c++)
        {
            if (scored)
            {
                var error = Math.Abs(count - _pending[c * _horizon + slot]);
                _errors[c] += _errorWeight * (error - _errors[c]);
            }
            _candidates[c].Observe(count);
            _pending[c * _horizon + slot] = _candidates[c].Predict(_horizon).Point;
        }
        _observed++;
        if (scored)
            Choose();
    }

    public Forecast Predict(int horizon) => _candidates[_current].Predict(horizon);

    public void AlignTo(long bucketIndex)
    {
        foreach (var candidate in _candidates)
            (candidate as IBucketAlignedModel)?.AlignTo(bucketIndex);
    }

    private void Choose()
    {
        var best = _current;
        for (var c = 0; c < _candidates.Length; c++)
        {
            if (_errors[c] < _errors[best])
                best = c;
        }

        if (best != _current && _errors[best] < (1 - _hysteresis) * _errors[_current])
            _current = best;
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(_candidates.Length);
        writer.Write(_horizon);
        writer.Write(_observed);
        writer.Write(_current);
        foreach (var error in _errors)
            writer.Write(error);
        foreach (var value in _pending)
            writer.Write(value);
        foreach (var candidate in _candidates)
        {
            writer.Write(candidate.Name);
            candidate.WriteState(writer);
        }
    }

    public void ReadState(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var horizon = reader.ReadInt32();
        if (count != _candidates.Length || horizon != _horizon)
        {
            throw new InvalidDataException(
                $"auto state has {count} candidates at horizon {horizon}; this model has {_candidates.Length} at horizon {_horizon}");
        }

        _observed = reader.ReadInt64();
        _current = reader.ReadInt32();
        for (var i = 0; i < _errors.Length; i++)
            _errors[i] = reader.ReadDouble();
        for (var i = 0; i < _pending.Length; i++)
            _pending[i] = reader.ReadDouble();
        foreach (var candidate in _candidates)
        {
            var name = reader.ReadString();
            if (name != candidate.Name)
                throw new InvalidDataException($"auto state holds candidate '{name}' where this model has '{candidate.Name}'");
            candidate.ReadState(reader);
        }
    }
}
