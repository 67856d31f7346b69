namespace StreamMetrics.Hosting.Http;

/// <summary>
/// The label an event type is shown under: its own name for the first <c>maxTypes</c> types seen, <see cref="Other"/>
/// for every type after them. A type keeps its label for the life of the process, so a counter summed under
/// <see cref="Other"/> only grows, and Prometheus and the live page never hold more than <c>maxTypes</c> + 1 series per
/// family, however many types producers invent. Only the named types are remembered: every other type is
/// <see cref="Other"/> anyway, so the table stays at <c>maxTypes</c> entries. Thread-safe.
/// </summary>
internal sealed class TypeLabels(int maxTypes)
{
    /// <summary>The label of the types beyond the limit (a type really named so shares it).</summary>
    public const string Other = "other";

    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _named;

    /// <summary>The label of <paramref name="eventType"/>, given it now if it has none.</summary>
    public string Of(string eventType)
    {
        lock (_gate)
        {
            if (_labels.TryGetValue(eventType, out var label))
                return label;
            if (_named >= maxTypes)
                return Other;
            _named++;
            _labels.Add(eventType, eventType);
            return eventType;
        }
    }
}
