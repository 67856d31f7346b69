using StreamMetrics.Core.Events;

namespace StreamMetrics.Pipeline.Tests.Reliability;

/// <summary>The events and the configuration the reliability scenarios run: every type pinned to the ledger's profile.</summary>
internal static class ReliabilityWorkload
{
    /// <summary>A config pinning every type of <paramref name="types"/> to <paramref name="profile"/> (<see cref="DeliveryLedger.ProfileJson"/>).</summary>
    /// <param name="profile">The profile's name.</param>
    /// <param name="types">The event types.</param>
    /// <param name="functions">The <c>functions</c> section.</param>
    /// <param name="pool">The <c>pool</c> section.</param>
    public static string Config(string profile, IEnumerable<string> types, string functions, string pool) => $$"""
        {
          "profiles": {{DeliveryLedger.ProfileJson(profile)}},
          "selection": { "types": { {{string.Join(", ", types.Select(t => $"\"{t}\": {{ \"pin\": \"{profile}\" }}"))}} } },
          "functions": {{functions}},
          "pool": {{pool}}
        }
        """;

    /// <summary>The events of every type interleaved, each with a key of its own and <paramref name="payload"/>.</summary>
    public static List<StreamEvent> Interleaved(IReadOnlyDictionary<string, int> eventsPerType, string? payload = null)
    {
        var now = DateTimeOffset.UtcNow;
        return eventsPerType
            .SelectMany(t => Enumerable.Range(0, t.Value).Select(i => (Order: (double)i / t.Value, Event: new StreamEvent(t.Key, $"{t.Key}-{i}", now, payload))))
            .OrderBy(e => e.Order)
            .Select(e => e.Event)
            .ToList();
    }
}
