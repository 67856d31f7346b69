namespace StreamMetrics.Core.Functions;

/// <summary>Maps an event type to the function its events run (per <see cref="FunctionCatalogOptions"/>; default <c>synthetic</c>). Thread-safe.</summary>
public sealed class FunctionCatalog
{
    public const string Noop = "noop";
    public const string Echo = "echo";
    public const string Synthetic = "synthetic";

    /// <summary>The built-in functions config files may name.</summary>
    public static IReadOnlyList<string> KnownFunctions { get; } = [Noop, Echo, Synthetic];

    private readonly FunctionCatalogOptions _options;
    private readonly TimeProvider _time;
    private readonly IFunction _default;
    private readonly Dictionary<string, IFunction> _byType = new(StringComparer.Ordinal);

    public FunctionCatalog(FunctionCatalogOptions options, TimeProvider time)
    {
        options.Validate();
        _options = options;
        _time = time;
        _default = Create(options.Default);
        // Built once here, so lookups need no lock and each synthetic type keeps its own seeded sequence.
        foreach (var (type, spec) in options.Types)
            _byType.Add(type, Create(spec));
    }

    /// <summary>The function for <paramref name="eventType"/>.</summary>
    public IFunction For(string eventType) => _byType.TryGetValue(eventType, out var function) ? function : _default;

    public FunctionCatalogOptions Options => _options;

    private IFunction Create(FunctionSpec spec) => spec.Function switch
    {
        Noop => new NoopFunction(),
        Echo => new EchoFunction(),
        _ => new SyntheticFunction(spec.Synthetic ?? new SyntheticFunctionOptions(), _time),
    };
}
