namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// A model whose whole state can be written and read back, so that a restored model produces bit-identical forecasts.
/// </summary>
public interface ISavableForecastModel : IForecastModel
{
    void WriteState(BinaryWriter writer);

    /// <summary>Replaces this model's state with one written by a model of the same name and options.</summary>
    void ReadState(BinaryReader reader);

    /// <summary>Approximate bytes of managed memory this model's state holds (for capacity planning).</summary>
    int StateBytes { get; }
}
