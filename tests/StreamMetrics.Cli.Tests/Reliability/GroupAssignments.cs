using System.Text.RegularExpressions;

namespace StreamMetrics.Cli.Tests.Reliability;

/// <summary>
/// Who owns which input partition, read from the services' own log lines (<c>group G: assigned events[0-15]</c>,
/// <c>group G: rebalanced, owns events[0-10]; gave up ...</c>): the group has settled once every live member has told
/// its assignment since a membership change and the assignments cover every partition exactly once.
/// </summary>
internal static partial class GroupAssignments
{
    /// <summary>
    /// Waits until the group of <paramref name="members"/> settled after <paramref name="since"/>; returns when the last of
    /// them told its assignment, and each partition's owner.
    /// </summary>
    public static async Task<(DateTimeOffset At, Dictionary<int, ServiceProcess> Owners)> SettledAsync(
        IReadOnlyList<ServiceProcess> members, int partitions, DateTimeOffset since, TimeSpan timeout)
    {
        (DateTimeOffset At, Dictionary<int, ServiceProcess> Owners)? settled = null;
        await Eventually.True(
            () => (settled = TrySettled(members, partitions, since)) is not null,
            () => $"the group did not settle: {string.Join("; ", members.Select(m => $"{m.Name} owns {Latest(m, since)?.Text ?? "nothing yet"}"))}\n" +
                  string.Join("\n", members.Select(m => $"--- {m.Name}:\n{m.Log}")),
            timeout);
        return settled!.Value;
    }

    private static (DateTimeOffset At, Dictionary<int, ServiceProcess> Owners)? TrySettled(
        IReadOnlyList<ServiceProcess> members, int partitions, DateTimeOffset since)
    {
        var owners = new Dictionary<int, ServiceProcess>();
        var last = since;
        foreach (var member in members)
        {
            if (Latest(member, since) is not { } latest)
                return null;
            foreach (var partition in latest.Partitions)
            {
                if (!owners.TryAdd(partition, member))
                    return null; // two members still claim it: the rebalance is under way
            }
            last = latest.At > last ? latest.At : last;
        }
        return owners.Count == partitions ? (last, owners) : null;
    }

    private static (DateTimeOffset At, string Text, List<int> Partitions)? Latest(ServiceProcess member, DateTimeOffset since)
    {
        foreach (var (at, line) in member.Lines.Reverse())
        {
            if (at <= since)
                return null;
            if (Assignment().Match(line) is { Success: true } match)
                return (at, match.Groups["list"].Value, Parse(match.Groups["list"].Value));
        }
        return null;
    }

    /// <summary>The partitions of <c>events[0-3,7]</c>; none for <c>none</c>.</summary>
    private static List<int> Parse(string list)
    {
        if (list == "none")
            return [];
        var inside = list[(list.IndexOf('[', StringComparison.Ordinal) + 1)..list.IndexOf(']', StringComparison.Ordinal)];
        return inside.Split(',').SelectMany(run =>
        {
            var ends = run.Split('-').Select(int.Parse).ToArray();
            return Enumerable.Range(ends[0], ends[^1] - ends[0] + 1);
        }).ToList();
    }

    [GeneratedRegex(@"group \S+: (?:assigned|rebalanced, owns) (?<list>none|[^\s;]+)")]
    private static partial Regex Assignment();
}
