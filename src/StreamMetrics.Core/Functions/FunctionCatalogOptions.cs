namespace StreamMetrics.Core.Functions;

/// <summary>Which function each event type runs (config section <c>functions</c>; key <c>"*"</c> sets <see cref="Default"/>).</summary>
public sealed class FunctionCatalogOptions
{
    /// <summary>Function of event types not listed in <see cref="Types"/>. Default <c>synthetic</c>, 10 ms, fixed, delay.</summary>
    public FunctionSpec Default { get; init; } = FunctionSpec.Default;

    /// <summary>Function per event type (key: event type). Default none.</summary>
    public IReadOnlyDictionary<string, FunctionSpec> Types { get; init; } = new Dictionary<string, FunctionSpec>(StringComparer.Ordinal);

    public FunctionSpec SpecFor(string eventType) => Types.TryGetValue(eventType, out var spec) ? spec : Default;

    /// <summary>Throws <see cref="ArgumentException"/> naming the key (under <paramref name="keyPrefix"/>, e.g. <c>"functions."</c>) and the value.</summary>
    public void Validate(string keyPrefix = "")
    {
        foreach (var (key, spec) in Types.Prepend(new KeyValuePair<string, FunctionSpec>("*", Default)))
        {
            if (!FunctionCatalog.KnownFunctions.Contains(spec.Function, StringComparer.Ordinal))
                throw new ArgumentException($"{keyPrefix}{key}.function = '{spec.Function}' is not a function; known functions: {string.Join(", ", FunctionCatalog.KnownFunctions)}");
            spec.Synthetic?.Validate($"{keyPrefix}{key}.");
        }
    }
}
