namespace StreamMetrics.Core.Workload;

/// <summary>One event type of a synthetic workload.</summary>
/// <param name="Name">The event type.</param>
/// <param name="MeanRatePerSecond">Mean arrival rate over the run, events per second.</param>
/// <param name="DailyAmplitude">Relative swing of the daily curve, 0 (flat) to 1 (down to zero at night).</param>
/// <param name="PeakAt">Where in the compressed day the curve peaks, 0..1 of the run.</param>
/// <param name="Bursts">Short surges on top of the curve.</param>
/// <param name="MeanPayloadBytes">
/// Mean size of an event's JSON payload in bytes, each drawn evenly between half and one and a half times it; 0 (the
/// default) gives events no payload.
/// </param>
public sealed record WorkloadType(string Name, double MeanRatePerSecond, double DailyAmplitude, double PeakAt, IReadOnlyList<Burst> Bursts, int MeanPayloadBytes = 0);
