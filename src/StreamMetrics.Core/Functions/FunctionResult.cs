namespace StreamMetrics.Core.Functions;

/// <summary>What a function returns.</summary>
/// <param name="Output">The function's result as text, or null.</param>
/// <param name="CpuTime">Compute time the invocation represents; the pool records it as <c>cpu_time_ms</c>.</param>
public sealed record FunctionResult(string? Output, TimeSpan CpuTime)
{
    public static FunctionResult Empty { get; } = new(null, TimeSpan.Zero);
}
