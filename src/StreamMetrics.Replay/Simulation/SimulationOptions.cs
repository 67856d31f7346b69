namespace StreamMetrics.Replay.Simulation;

public sealed class SimulationOptions
{
    /// <summary>Time from starting an instance to its being ready. Range 1 ms to 10 minutes; default 1 s.</summary>
    public TimeSpan ColdStart { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cold-start times of single functions, overriding <see cref="ColdStart"/>. Default none.</summary>
    public IReadOnlyDictionary<string, TimeSpan> ColdStartByFunction { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>Time between policy decisions (and the resolution of the concurrency metric). Must divide a minute; default 2 s (Knative's tick).</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Seed of the arrival and execution-time draws; the same seed gives the same invocations. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Wall-clock time of the trace's first minute (d01 of the Azure 2019 trace was Monday 15 July 2019).</summary>
    public DateTimeOffset Origin { get; init; } = new(2019, 7, 15, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Functions simulated at once. Range 1 to 64; default 2.</summary>
    public int Workers { get; init; } = 2;

    public TimeSpan ColdStartOf(string function) => ColdStartByFunction.TryGetValue(function, out var value) ? value : ColdStart;

    public void Validate()
    {
        foreach (var (function, value) in ColdStartByFunction.Append(new("default", ColdStart)))
        {
            if (value < TimeSpan.FromMilliseconds(1) || value > TimeSpan.FromMinutes(10))
                throw new ArgumentOutOfRangeException(nameof(ColdStart), $"cold-start ({function}) = {value.TotalMilliseconds}ms, must be between 1ms and 10m");
        }
        if (Tick < TimeSpan.FromMilliseconds(100) || TimeSpan.FromMinutes(1).Ticks % Tick.Ticks != 0)
            throw new ArgumentOutOfRangeException(nameof(Tick), $"tick = {Tick.TotalMilliseconds}ms, must be at least 100ms and divide one minute");
        if (Workers is < 1 or > 64)
            throw new ArgumentOutOfRangeException(nameof(Workers), $"workers = {Workers}, must be between 1 and 64");
    }
}
