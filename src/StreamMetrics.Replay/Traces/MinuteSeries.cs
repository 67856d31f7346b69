namespace StreamMetrics.Replay.Traces;

/// <summary>One function's invocations per minute, in the order the trace gives them.</summary>
/// <param name="Function">The function's id (<c>HashFunction</c>).</param>
/// <param name="Trigger">The trigger group, or empty where the trace has none.</param>
/// <param name="PerMinute">Invocations in each minute; several days follow one another where the trace has them.</param>
public sealed record MinuteSeries(string Function, string Trigger, int[] PerMinute)
{
    public long Total => PerMinute.Sum(c => (long)c);

    public double MeanPerMinute => PerMinute.Length == 0 ? 0 : (double)Total / PerMinute.Length;
}
