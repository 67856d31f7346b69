namespace StreamMetrics.Hosting.Bench;

/// <summary>
/// What <c>bench</c> measured. Scripts read the JSON form of this record (camelCase keys): keep the names.
/// </summary>
/// <param name="AllocatedBytesPerEvent">Bytes allocated by all threads on the in-memory pipeline, per event.</param>
/// <param name="BytesPerType">Bytes the in-memory pipeline still holds after its run (forecaster, selector, pool state), per event type.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set over the whole benchmark.</param>
/// <param name="LostMessages">Input records the Kafka paths found missing; a run that lost any is invalid.</param>
/// <param name="TypesHeld">The most event types the in-memory pipeline's forecaster held at once: the types, or the service's bound on them (<c>run --max-types</c>) if that is lower.</param>
/// <param name="MemoryPerTypeBytes">Bytes the in-memory pipeline still holds after its run, per type held: what one more event type costs across the forecaster, configurator, pool and counters, fixed costs included (they dominate with few types).</param>
/// <param name="CpuMicrosecondsPerEvent">The process's CPU time per event on each path, every thread counted: comparable across runs on a shared machine, where events/s follows the CPU other work leaves.</param>
/// <param name="MetricRecordsPerEvent">Metric records Kafka acknowledged per event on pipeline-kafka at its maximum rate, over all <c>metrics.&lt;profile&gt;</c> topics: what the profiles chosen publish, where kafka-raw publishes one record per event.</param>
/// <param name="MetricsTruncated">True when the embedded cluster dropped the oldest records of a metrics partition after acknowledging them (found after the run: the partition no longer starts at offset 0); such a run is invalid and exits 1.</param>
public sealed record BenchReport(
    long Events,
    int Types,
    string Profile,
    BenchRates EventsPerSecond,
    BenchRatios Ratios,
    double AllocatedBytesPerEvent,
    long PeakWorkingSetBytes,
    BenchLatency LatencyMs,
    double BytesPerType,
    long LostMessages,
    bool MetricsTruncated,
    int TypesHeld = 0,
    double MemoryPerTypeBytes = 0,
    BenchCpu? CpuMicrosecondsPerEvent = null,
    double MetricRecordsPerEvent = 0);
