namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// The byte format of one event type's forecaster state: a version, the bucket it was taken in (absent for a state
/// trained offline), the arrivals counted in that bucket, the model's name and the model's own state; since version 2,
/// then the payload bytes counted in that bucket and the state of the model that forecasts them, when there is one.
/// Version 1 snapshots (arrivals only) still restore: their bytes model starts afresh.
/// </summary>
public static class ForecasterState
{
    private const byte Version = 2;

    /// <summary>Snapshots written before the payload bytes were forecast.</summary>
    private const byte ArrivalsOnlyVersion = 1;

    /// <param name="bucket">Bucket index (UTC ticks / bucket length) the state was taken in, or null when it has none.</param>
    /// <param name="arrivals">Arrivals counted in that bucket so far.</param>
    /// <param name="model">The model of the arrivals per bucket.</param>
    /// <param name="bytes">Payload bytes counted in that bucket so far, with the model of the bytes per bucket; null when there is none (a state trained offline on arrivals alone).</param>
    public static byte[] Encode(long? bucket, long arrivals, IForecastModel model, (long InBucket, IForecastModel Model)? bytes = null)
    {
        var savable = Savable(model, "save");
        var savableBytes = bytes is { } b ? Savable(b.Model, "save") : null;
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Version);
            writer.Write(bucket.HasValue);
            writer.Write(bucket ?? 0);
            writer.Write(arrivals);
            writer.Write(model.Name);
            savable.WriteState(writer);
            writer.Write(savableBytes is not null);
            if (savableBytes is not null)
            {
                writer.Write(bytes!.Value.InBucket);
                writer.Write(savableBytes.Name);
                savableBytes.WriteState(writer);
            }
        }
        return stream.ToArray();
    }

    /// <summary>
    /// Reads a snapshot into <paramref name="model"/> (which must have the snapshot's model name) and, when the snapshot
    /// carries one and <paramref name="bytesModel"/> is given, its bytes model into <paramref name="bytesModel"/>.
    /// </summary>
    public static RestoredState Decode(byte[] snapshot, IForecastModel model, IForecastModel? bytesModel = null)
    {
        var savable = Savable(model, "restore");
        using var reader = new BinaryReader(new MemoryStream(snapshot));
        var version = reader.ReadByte();
        if (version is not (Version or ArrivalsOnlyVersion))
            throw new InvalidDataException($"forecaster state version {version}, this build reads versions {ArrivalsOnlyVersion} and {Version}");
        var hasBucket = reader.ReadBoolean();
        var bucket = reader.ReadInt64();
        var arrivals = reader.ReadInt64();
        ReadModel(reader, savable);
        long? bytes = null;
        if (version == Version && reader.ReadBoolean() && bytesModel is not null)
        {
            var inBucket = reader.ReadInt64();
            ReadModel(reader, Savable(bytesModel, "restore"));
            bytes = inBucket;
        }
        return new RestoredState(hasBucket ? bucket : null, arrivals, bytes);
    }

    private static void ReadModel(BinaryReader reader, ISavableForecastModel model)
    {
        var name = reader.ReadString();
        if (name != model.Name)
            throw new InvalidDataException($"forecaster state is of model '{name}', the forecaster runs '{model.Name}'");
        model.ReadState(reader);
    }

    private static ISavableForecastModel Savable(IForecastModel model, string verb) =>
        model as ISavableForecastModel
        ?? throw new NotSupportedException($"model '{model.Name}' ({model.GetType().Name}) cannot {verb} {(verb == "save" ? "its" : "a")} state");

    /// <summary>What a snapshot held besides the models' states.</summary>
    /// <param name="Bucket">The bucket it was taken in; null for a state trained offline.</param>
    /// <param name="Arrivals">Arrivals counted in that bucket.</param>
    /// <param name="Bytes">Payload bytes counted in that bucket, or null when the snapshot had no bytes model (then that model was left as it was).</param>
    public readonly record struct RestoredState(long? Bucket, long Arrivals, long? Bytes);
}
