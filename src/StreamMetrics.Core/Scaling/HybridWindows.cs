namespace StreamMetrics.Core.Scaling;

/// <summary>The hybrid policy's answer for one function: wait <paramref name="PreWarm"/> after an invocation, then keep warm for <paramref name="KeepAlive"/>.</summary>
/// <param name="Representative">False when the histogram was not trusted and the conservative range keep-alive is used.</param>
public readonly record struct HybridWindows(TimeSpan PreWarm, TimeSpan KeepAlive, bool Representative);
