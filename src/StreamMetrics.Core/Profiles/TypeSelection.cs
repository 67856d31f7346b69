namespace StreamMetrics.Core.Profiles;

/// <summary>
/// One event type's own selection settings: thresholds that replace the global ones (either may be left to the global
/// value), or a pin to one profile whatever the load. A pin excludes thresholds.
/// </summary>
/// <param name="Low">Predicted events per second below which the type runs <c>minimal</c>; null = global value.</param>
/// <param name="Medium">Predicted events per second below which the type runs <c>standard</c>; null = global value.</param>
/// <param name="Pin">Profile the type always runs, built-in or user-defined; null = chosen by load.</param>
public sealed record TypeSelection(double? Low = null, double? Medium = null, string? Pin = null);
