namespace StreamMetrics.Core.Functions;

/// <summary>Maps an event type to the function its events run (per <see cref="FunctionCatalogOptions"/>; default <c>synthetic</c>). Thread-safe.</summary>
public sealed class FunctionCatalog
{
    public const string Noop = "noop";
    public const string Echo = "echo";
    public const string Synthetic = "synthetic";

    /// <summary>The built-in functions config files may name.</summary>
    public static IReadOnlyList<string> KnownFunctions { get; } = [Noop, Echo, Synthetic];

    private readonly IFunction _default;
    private readonly Dictionary<string, IFunction> _byType;

    /// <summary>The built-in functions as <paramref name="options"/> assigns them; synthetic ones run on <paramref name="time"/>.</summary>
    public FunctionCatalog(FunctionCatalogOptions options, TimeProvider time)
    {
        options.Validate();
        // Built once here, so lookups need no lock and each synthetic type keeps its own seeded sequence.
        _default = Create(options.Default, time);
        _byType = options.Types.ToDictionary(entry => entry.Key, entry => Create(entry.Value, time), StringComparer.Ordinal);
    }

    /// <summary>Given functions: <paramref name="byType"/> per event type, <paramref name="defaultFunction"/> for all others.</summary>
    public FunctionCatalog(IFunction defaultFunction, IReadOnlyDictionary<string, IFunction>? byType = null)
    {
        _default = defaultFunction;
        _byType = byType?.ToDictionary(StringComparer.Ordinal) ?? new Dictionary<string, IFunction>(StringComparer.Ordinal);
    }

    /// <summary>The function for <paramref name="eventType"/>.</summary>
    public IFunction For(string eventType) => _byType.TryGetValue(eventType, out var function) ? function : _default;

    private static IFunction Create(FunctionSpec spec, TimeProvider time) => spec.Function switch
    {
        Noop => new NoopFunction(),
        Echo => new EchoFunction(),
        _ => new SyntheticFunction(spec.Synthetic ?? new SyntheticFunctionOptions(), time),
    };
}
