namespace StreamMetrics.Core.Functions;

/// <summary>Which built-in function an event type runs, with the synthetic function's settings where it is that one.</summary>
/// <param name="Function">One of <see cref="FunctionCatalog.KnownFunctions"/>.</param>
/// <param name="Synthetic">Settings used when <paramref name="Function"/> is <c>synthetic</c>; null = defaults.</param>
public sealed record FunctionSpec(string Function, SyntheticFunctionOptions? Synthetic = null)
{
    /// <summary>The default for types no config names: <c>synthetic</c> with default settings.</summary>
    public static FunctionSpec Default { get; } = new(FunctionCatalog.Synthetic);
}
