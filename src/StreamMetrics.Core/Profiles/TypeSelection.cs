namespace StreamMetrics.Core.Profiles;

/// <summary>
/// One event type's own selection settings: thresholds that replace the global ones (either may be left to the global
/// value, unless the type measures its load otherwise than the global setting), or a pin to one profile whatever the
/// load. A pin excludes thresholds.
/// </summary>
/// <param name="Low">Predicted load (in the unit of <paramref name="By"/>) below which the type runs <c>minimal</c>; null = global value.</param>
/// <param name="Medium">Predicted load below which the type runs <c>standard</c>; null = global value.</param>
/// <param name="Pin">Profile the type always runs, built-in or user-defined; null = chosen by load.</param>
/// <param name="By">What the type's thresholds measure; null = the global <see cref="ProfileSelectorOptions.By"/>.</param>
public sealed record TypeSelection(double? Low = null, double? Medium = null, string? Pin = null, LoadMeasure? By = null);
