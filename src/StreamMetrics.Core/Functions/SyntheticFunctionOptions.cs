using System.Globalization;

namespace StreamMetrics.Core.Functions;

/// <summary>Settings of the <c>synthetic</c> function (config keys <c>durationMs</c>, <c>distribution</c>, <c>mode</c>, <c>seed</c>).</summary>
public sealed class SyntheticFunctionOptions
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Duration of an invocation whose payload has no <c>durationMs</c> (the mean for <see cref="SyntheticDistribution.Exponential"/>).
    /// Range 0 to 10 minutes; default 10 ms.
    /// </summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Distribution of durations not given by the event. Default <see cref="SyntheticDistribution.Fixed"/>.</summary>
    public SyntheticDistribution Distribution { get; init; } = SyntheticDistribution.Fixed;

    /// <summary>Whether an invocation waits or spins. Default <see cref="SyntheticMode.Delay"/>.</summary>
    public SyntheticMode Mode { get; init; } = SyntheticMode.Delay;

    /// <summary>Seed of the duration draws, so runs repeat. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the key (under <paramref name="keyPrefix"/>) and the value.</summary>
    public void Validate(string keyPrefix = "")
    {
        if (Duration < TimeSpan.Zero || Duration > MaxDuration)
            throw new ArgumentException($"{keyPrefix}durationMs = {Duration.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}, must be between 0 and {MaxDuration.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}");
    }
}
