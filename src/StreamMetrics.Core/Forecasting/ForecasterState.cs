namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// The byte format of one event type's forecaster state: a version, the bucket it was taken in (absent for a state
/// trained offline), the arrivals counted in that bucket, the model's name and the model's own state.
/// </summary>
public static class ForecasterState
{
    private const byte Version = 1;

    /// <param name="bucket">Bucket index (UTC ticks / bucket length) the state was taken in, or null when it has none.</param>
    public static byte[] Encode(long? bucket, long arrivals, IForecastModel model)
    {
        if (model is not ISavableForecastModel savable)
            throw new NotSupportedException($"model '{model.Name}' ({model.GetType().Name}) cannot save its state");
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Version);
            writer.Write(bucket.HasValue);
            writer.Write(bucket ?? 0);
            writer.Write(arrivals);
            writer.Write(model.Name);
            savable.WriteState(writer);
        }
        return stream.ToArray();
    }

    /// <summary>Reads a snapshot into <paramref name="model"/> (which must have the snapshot's model name).</summary>
    public static (long? Bucket, long Arrivals) Decode(byte[] snapshot, IForecastModel model)
    {
        if (model is not ISavableForecastModel savable)
            throw new NotSupportedException($"model '{model.Name}' ({model.GetType().Name}) cannot restore a state");
        using var reader = new BinaryReader(new MemoryStream(snapshot));
        var (bucket, arrivals, name) = ReadHeader(reader);
        if (name != model.Name)
            throw new InvalidDataException($"forecaster state is of model '{name}', the forecaster runs '{model.Name}'");
        savable.ReadState(reader);
        return (bucket, arrivals);
    }

    /// <summary>
    /// The bucket, arrivals and model name of a snapshot, without reading the model: what a hand-over carried, for an
    /// operator's tool or a test to check.
    /// </summary>
    public static (long? Bucket, long Arrivals, string Model) ReadHeader(byte[] snapshot)
    {
        using var reader = new BinaryReader(new MemoryStream(snapshot));
        return ReadHeader(reader);
    }

    private static (long? Bucket, long Arrivals, string Model) ReadHeader(BinaryReader reader)
    {
        var version = reader.ReadByte();
        if (version != Version)
            throw new InvalidDataException($"forecaster state version {version}, this build reads version {Version}");
        var hasBucket = reader.ReadBoolean();
        var bucket = reader.ReadInt64();
        var arrivals = reader.ReadInt64();
        return (hasBucket ? bucket : null, arrivals, reader.ReadString());
    }
}
