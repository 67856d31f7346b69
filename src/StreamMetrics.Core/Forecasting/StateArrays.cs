namespace StreamMetrics.Core.Forecasting;

/// <summary>
/// Writes arrays of a model's state so that an idle type's all-zero arrays take one byte each, which keeps the
/// snapshots of idle types small.
/// </summary>
internal static class StateArrays
{
    public static void Write(BinaryWriter writer, ReadOnlySpan<double> values)
    {
        var zero = !values.ContainsAnyExcept(0.0);
        writer.Write(zero);
        if (!zero)
        {
            foreach (var value in values)
                writer.Write(value);
        }
    }

    public static void Read(BinaryReader reader, Span<double> values)
    {
        if (reader.ReadBoolean())
        {
            values.Clear();
            return;
        }
        for (var i = 0; i < values.Length; i++)
            values[i] = reader.ReadDouble();
    }
}
