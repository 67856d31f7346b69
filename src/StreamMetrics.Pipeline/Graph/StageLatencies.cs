using System.Diagnostics.Metrics;

namespace StreamMetrics.Pipeline.Graph;

/// <summary>
/// How long each stage takes with an event, and how long an event takes from its Kafka timestamp until its metrics are
/// acknowledged, as <see cref="System.Diagnostics.Metrics"/> histograms in seconds. Recording allocates nothing and
/// takes no lock; while no listener (such as the HTTP endpoint's exporter) has enabled an instrument, a stage does not
/// even read the clock for it. Each service has its own meter, so a listener can tell two services in one process apart.
/// </summary>
public sealed class StageLatencies : IDisposable
{
    /// <summary>The name every service's meter carries (the same for all; a listener tells them apart by instance).</summary>
    public const string MeterName = "StreamMetrics.Pipeline";

    private readonly TimeProvider _time;

    public StageLatencies(TimeProvider time)
    {
        _time = time;
        Meter = new Meter(MeterName);
        Decode = Stage("decode", "Decoding an input record into an event");
        Forecast = Stage("forecast", "Counting an event in its type's bucket and reading the type's forecast");
        Configure = Stage("configure", "Choosing the metric config for an event's predicted load");
        Pool = Stage("pool", "Running an event's function in the worker pool: the wait for a slot or an instance, a cold start, the execution");
        Publish = Stage("publish", "Publishing an invocation's sampled metrics until Kafka acknowledged them all");
        EndToEnd = Meter.CreateHistogram<double>("streammetrics.end_to_end.latency", "s",
            "From an input record's Kafka timestamp until its metrics are acknowledged");
        Stages = [Decode, Forecast, Configure, Pool, Publish];
    }

    /// <summary>This service's meter; every instrument below belongs to it.</summary>
    public Meter Meter { get; }

    public Histogram<double> Decode { get; }

    public Histogram<double> Forecast { get; }

    public Histogram<double> Configure { get; }

    public Histogram<double> Pool { get; }

    public Histogram<double> Publish { get; }

    /// <inheritdoc cref="StageLatencies"/>
    public Histogram<double> EndToEnd { get; }

    /// <summary>The per-stage histograms in the order an event passes them; <see cref="StageName"/> names each.</summary>
    public IReadOnlyList<Histogram<double>> Stages { get; }

    /// <summary>The stage a histogram of <see cref="Stages"/> times: <c>decode</c>, <c>forecast</c>, <c>configure</c>, <c>pool</c> or <c>publish</c>.</summary>
    public static string StageName(Instrument stage) => (string)stage.Tags!.Single(tag => tag.Key == "stage").Value!;

    /// <summary>A start to give <see cref="Record(Histogram{double}, long)"/>; 0 while nobody listens to <paramref name="stage"/>.</summary>
    internal long Start(Histogram<double> stage) => stage.Enabled ? _time.GetTimestamp() : 0;

    /// <summary>Records the time since <paramref name="start"/> from <see cref="Start"/>, unless nobody listened then.</summary>
    internal void Record(Histogram<double> stage, long start)
    {
        if (start != 0)
            stage.Record(_time.GetElapsedTime(start).TotalSeconds);
    }

    /// <summary>Records a duration measured elsewhere (the pool measures its invocations itself), while someone listens.</summary>
    internal static void Record(Histogram<double> stage, TimeSpan duration)
    {
        if (stage.Enabled)
            stage.Record(duration.TotalSeconds);
    }

    /// <summary>Records the time from <paramref name="timestamp"/> (an input record's) until now; a timestamp ahead of this clock counts as 0.</summary>
    internal void RecordSince(DateTimeOffset timestamp)
    {
        if (EndToEnd.Enabled)
            EndToEnd.Record(Math.Max(0, (_time.GetUtcNow() - timestamp).TotalSeconds));
    }

    public void Dispose() => Meter.Dispose();

    private Histogram<double> Stage(string name, string description) =>
        Meter.CreateHistogram<double>($"streammetrics.stage.{name}.duration", "s", description, [new("stage", name)]);
}
