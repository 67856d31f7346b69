namespace StreamMetrics.Hosting.Http;

/// <summary>One type label's figures at one moment; a label of several types (<see cref="TypeLabels.Other"/>) sums theirs.</summary>
internal sealed class TypeReading(string label)
{
    public string Label { get; } = label;

    /// <summary>Invocations that reached the worker pool so far.</summary>
    public long Arrivals { get; set; }

    /// <summary>Events processed so far (their metrics acknowledged).</summary>
    public long Processed { get; set; }

    /// <summary>Instances started so far, pre-warmed ones included.</summary>
    public long ColdStarts { get; set; }

    /// <summary>Instances that exist now: starting, idle or busy.</summary>
    public int Instances { get; set; }

    /// <summary>Instances executing an invocation now.</summary>
    public int Executing { get; set; }

    /// <summary>Forecast arrivals per second of the bucket filling now: point and bounds.</summary>
    public double Predicted { get; set; }

    public double PredictedLower { get; set; }

    public double PredictedUpper { get; set; }

    /// <summary>Forecast payload bytes per second of the bucket filling now: point and bounds.</summary>
    public double PredictedBytes { get; set; }

    public double PredictedBytesLower { get; set; }

    public double PredictedBytesUpper { get; set; }

    /// <summary>How many of the label's types run each profile now.</summary>
    public Dictionary<string, int> Profiles { get; } = new(StringComparer.Ordinal);

    /// <summary>The profile most of the label's types run (the first in <paramref name="catalogOrder"/> on a tie); null before any choice.</summary>
    public string? MainProfile(IReadOnlyList<string> catalogOrder) =>
        Profiles.Count == 0 ? null : catalogOrder.Where(Profiles.ContainsKey).MaxBy(profile => Profiles[profile]) ?? Profiles.Keys.First();
}
