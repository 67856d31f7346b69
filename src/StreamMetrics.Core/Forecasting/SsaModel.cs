namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Singular spectrum analysis forecaster (see <see cref="SsaFit"/>): decomposes the latest
/// <see cref="ForecastModelOptions.SsaSeriesLength"/> buckets every <see cref="ForecastModelOptions.SsaRefitEvery"/>
/// buckets; in between, each new bucket moves the window whose projection on the signal subspace the recurrence
/// continues. Bounds: the recurrence's one-step residual variance propagated over the horizon through its impulse
/// response. Until the first decomposition (twice the window of history) it forecasts the last value.
/// </summary>
public sealed class SsaModel : ISavableForecastModel
{
    private const int PathChunk = 16;
    private readonly int _window;
    private readonly int _refitEvery;
    private readonly double _explainedVariance;
    private readonly int _maxRank;
    private readonly double _z;
    private readonly CountRing _history;
    private SsaFit.Result? _fit;
    private int _sinceFit;
    private double[] _path = [];
    private double[] _pathVariance = [];

    public SsaModel(ForecastModelOptions options)
    {
        _window = options.SsaWindow;
        _refitEvery = options.SsaRefitEvery;
        _explainedVariance = options.SsaExplainedVariance;
        _maxRank = options.SsaMaxRank;
        _z = options.Z;
        _history = new CountRing(options.SsaSeriesLength);
    }

    public string Name => ForecastModels.Ssa;

    public int StateBytes =>
        96 + _history.AllocatedBytes + (_path.Length + _pathVariance.Length) * sizeof(double)
        + (_fit is null ? 0 : (_fit.Basis.Length + _fit.Coefficients.Length) * sizeof(double) + 48);

    /// <summary>Components kept by the latest decomposition (0 before the first one).</summary>
    public int Rank => _fit?.Rank ?? 0;

    public void Observe(double count)
    {
        _history.Add(count);
        _sinceFit++;
        _path = [];
        if (_history.Count >= 2 * _window && (_fit is null || _sinceFit >= _refitEvery))
            Refit();
    }

    public Forecast Predict(int horizon)
    {
        if (_history.Count == 0)
            return Forecast.Exact(0);
        if (_history.NonZero == 0)
            return Forecast.Exact(0);
        if (_fit is null)
            return Forecast.OfCount(_history.FromEnd(0), _z * Math.Sqrt(MeanSquaredStep() * horizon));
        if (_path.Length < horizon)
            ExtendPath(horizon);
        return Forecast.OfCount(_path[horizon - 1], _z * Math.Sqrt(_pathVariance[horizon - 1]));
    }

    private void Refit()
    {
        _sinceFit = 0;
        if (_history.NonZero == 0)
        {
            // Idle: zero is the exact forecast, and the old decomposition is not worth its memory.
            _fit = null;
            return;
        }
        Span<double> series = _history.Count <= 1024 ? stackalloc double[_history.Count] : new double[_history.Count];
        _history.CopyLatest(series);
        _fit = SsaFit.Decompose(series, _window, _explainedVariance, _maxRank) ?? _fit;
    }

    private void ExtendPath(int horizon)
    {
        var fit = _fit!;
        var l = fit.Window;
        var m = l - 1;
        var steps = Math.Max(horizon, _path.Length + PathChunk);
        // Project the latest L values on the signal subspace and continue that projection with the recurrence.
        Span<double> latest = stackalloc double[l];
        _history.CopyLatest(latest);
        Span<double> weights = stackalloc double[fit.Rank];
        for (var r = 0; r < fit.Rank; r++)
        {
            for (var i = 0; i < l; i++)
                weights[r] += fit.Basis[i * fit.Rank + r] * latest[i];
        }

        var sequence = new double[m + steps];
        for (var i = 1; i < l; i++)
        {
            for (var r = 0; r < fit.Rank; r++)
                sequence[i - 1] += fit.Basis[i * fit.Rank + r] * weights[r];
        }

        var impulse = new double[steps];
        var path = new double[steps];
        var variance = new double[steps];
        var cumulative = 0.0;
        for (var s = 0; s < steps; s++)
        {
            var next = 0.0;
            for (var j = 0; j < m; j++)
                next += fit.Coefficients[j] * sequence[s + j];
            sequence[s + m] = next;
            path[s] = next;
            // Impulse response psi_s of the recurrence: psi_0 = 1, psi_s = sum_i a_i psi_{s-i}, a_i the weight i steps back.
            var psi = s == 0 ? 1.0 : 0.0;
            for (var i = 1; i <= Math.Min(s, m); i++)
                psi += fit.Coefficients[m - i] * impulse[s - i];
            impulse[s] = psi;
            cumulative += psi * psi;
            variance[s] = fit.Variance * cumulative;
        }
        _path = path;
        _pathVariance = variance;
    }

    private double MeanSquaredStep()
    {
        if (_history.Count < 2)
            return 0;
        var sum = 0.0;
        for (var i = 1; i < _history.Count; i++)
        {
            var step = _history[i] - _history[i - 1];
            sum += step * step;
        }
        return sum / (_history.Count - 1);
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(_sinceFit);
        _history.Write(writer);
        writer.Write(_fit is not null);
        if (_fit is null)
            return;
        writer.Write(_fit.Window);
        writer.Write(_fit.Rank);
        writer.Write(_fit.Variance);
        foreach (var value in _fit.Basis)
            writer.Write(value);
        foreach (var value in _fit.Coefficients)
            writer.Write(value);
    }

    public void ReadState(BinaryReader reader)
    {
        _sinceFit = reader.ReadInt32();
        _history.Read(reader);
        _path = [];
        _fit = null;
        if (!reader.ReadBoolean())
            return;
        var window = reader.ReadInt32();
        var rank = reader.ReadInt32();
        if (window < 3 || window > _window || rank < 1 || rank > window)
            throw new InvalidDataException($"ssa state has window {window} and rank {rank}; this model's window is {_window}");
        var variance = reader.ReadDouble();
        var basis = new double[window * rank];
        for (var i = 0; i < basis.Length; i++)
            basis[i] = reader.ReadDouble();
        var coefficients = new double[window - 1];
        for (var i = 0; i < coefficients.Length; i++)
            coefficients[i] = reader.ReadDouble();
        _fit = new SsaFit.Result(window, rank, basis, coefficients, variance);
    }
}
