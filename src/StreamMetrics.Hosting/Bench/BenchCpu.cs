namespace StreamMetrics.Hosting.Bench;

/// <summary>
/// The process's CPU time per event on each benchmark path, in microseconds, every thread counted (the clients' own
/// librdkafka threads and the embedded cluster's included). On a machine shared with other work a path's events/s
/// follows the CPU it is given; its CPU per event does not, so this compares changes where rates are too noisy.
/// </summary>
public sealed record BenchCpu(double KafkaRaw, double PipelineKafka, double AkkaRaw, double PipelineMemory);
