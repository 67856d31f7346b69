namespace StreamMetrics.Replay.Simulation;

/// <summary>
/// The invocations the simulator replays for a set of functions and a seed, merged into one stream in arrival order:
/// what a live replay publishes, so the pipeline and the simulator see the same arrivals and execution times.
/// </summary>
public static class TraceInvocations
{
    /// <summary>All functions' invocations, ascending by time; generated a minute at a time, so memory stays one minute's worth.</summary>
    public static IEnumerable<TraceInvocation> Of(IReadOnlyList<SimulatedFunction> functions, int seed)
    {
        var sources = functions
            .Select(f => (Function: f.Function, Arrivals: new ArrivalGenerator(f.PerMinute, new DurationSampler(f.Durations), seed, f.Index)))
            .ToList();
        var minutes = sources.Count == 0 ? 0 : sources.Max(s => s.Arrivals.Minutes);
        var capacity = sources.Count == 0 ? 1 : sources.Max(s => s.Arrivals.MaxPerMinute) + 1;
        var arrivals = new double[capacity];
        var durations = new double[capacity];
        var minute = new List<TraceInvocation>();
        for (var m = 0; m < minutes; m++)
        {
            minute.Clear();
            foreach (var (function, source) in sources)
            {
                if (m >= source.Minutes)
                    continue;
                var count = source.Fill(m, arrivals, durations);
                for (var i = 0; i < count; i++)
                    minute.Add(new TraceInvocation(arrivals[i], function, durations[i]));
            }
            // Stable, so equal times keep the trace's function order and every run publishes the same sequence.
            foreach (var invocation in minute.OrderBy(i => i.Seconds))
                yield return invocation;
        }
    }
}
