namespace StreamMetrics.Core.Profiles;

/// <summary>
/// The named metric profiles (the Metric Profile Manager): the built-ins <c>minimal</c>, <c>standard</c>, <c>debug</c> and
/// user-defined ones. A user profile with a built-in's name replaces that built-in, so an operator can tune what each of the
/// configurator's three levels collects; the configurator still uses the three names in the same order.
/// Immutable: <see cref="With"/> returns a new catalog.
/// </summary>
public sealed class ProfileCatalog
{
    private readonly Dictionary<string, MetricProfile> _byName;

    private ProfileCatalog(IReadOnlyList<MetricProfile> profiles)
    {
        All = profiles;
        _byName = profiles.ToDictionary(profile => profile.Name, StringComparer.Ordinal);
    }

    /// <summary>Only the built-in profiles (<see cref="BuiltInProfiles"/>).</summary>
    public static ProfileCatalog BuiltIn { get; } = new(BuiltInProfiles.All);

    /// <summary>Every profile: built-ins first (as replaced, if they were), then user profiles in the order given.</summary>
    public IReadOnlyList<MetricProfile> All { get; }

    /// <summary>The profile named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> listing the known names.</summary>
    public MetricProfile Get(string name) =>
        TryGet(name, out var profile)
            ? profile
            : throw new KeyNotFoundException($"profile '{name}' is not defined; known profiles: {string.Join(", ", All.Select(p => p.Name))}");

    public bool TryGet(string name, out MetricProfile profile) => _byName.TryGetValue(name, out profile!);

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>
    /// This catalog plus <paramref name="profiles"/>; a profile whose name exists replaces the existing one in place.
    /// Throws <see cref="ArgumentException"/> naming the profile when one is invalid or given twice.
    /// </summary>
    public ProfileCatalog With(IEnumerable<MetricProfile> profiles)
    {
        var result = All.ToList();
        var added = new HashSet<string>(StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            if (ProfileValidation.FirstError(profile, $"profiles.{profile.Name}") is { } error)
                throw new ArgumentException(error);
            if (!added.Add(profile.Name))
                throw new ArgumentException($"profiles.{profile.Name}: defined twice");
            var index = result.FindIndex(existing => existing.Name == profile.Name);
            if (index >= 0)
                result[index] = profile;
            else
                result.Add(profile);
        }
        return new ProfileCatalog(result);
    }
}
