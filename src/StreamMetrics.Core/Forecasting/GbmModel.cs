namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Applies the global gradient-boosted regression (<see cref="GbmEnsemble"/>, trained offline on many types) to one
/// type online: the forecast is the ensemble's scaled prediction times the type's recent mean. Bounds are the
/// ensemble's error quantile at the horizon, scaled the same way. Until a bucket of the recent history is non-zero it
/// forecasts 0.
/// </summary>
public sealed class GbmModel : ISavableForecastModel, IBucketAlignedModel
{
    private readonly GbmEnsemble _ensemble;
    private readonly CountRing _history = new(GbmFeatures.ScaleWindow);
    private long _bucket;

    public GbmModel(ForecastModelOptions options)
    {
        _ensemble = options.Gbm ?? throw new ArgumentException("model = 'gbm' needs a trained model file (gbm-model), none is loaded");
    }

    public string Name => ForecastModels.Gbm;

    public int StateBytes => 48 + _history.AllocatedBytes;

    public void AlignTo(long bucketIndex) => _bucket = bucketIndex;

    public void Observe(double count)
    {
        _history.Add(count);
        _bucket++;
    }

    public Forecast Predict(int horizon)
    {
        if (_history.NonZero == 0)
            return Forecast.Exact(0);
        Span<double> latest = stackalloc double[_history.Count];
        _history.CopyLatest(latest);
        Span<float> features = stackalloc float[GbmFeatures.Count];
        var target = _bucket + horizon - 1;
        var scale = GbmFeatures.Build(latest, horizon, target, _ensemble.BucketsPerDay, features);
        var point = _ensemble.Evaluate(features) * scale;
        return Forecast.OfCount(point, _ensemble.ErrorQuantile(horizon) * scale);
    }

    public void WriteState(BinaryWriter writer)
    {
        writer.Write(_bucket);
        _history.Write(writer);
    }

    public void ReadState(BinaryReader reader)
    {
        _bucket = reader.ReadInt64();
        _history.Read(reader);
    }
}
