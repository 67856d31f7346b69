namespace StreamMetrics.Hosting.Bench;

/// <summary>Events per second on each benchmark path, measured one after another in one process on the same data.</summary>
public sealed record BenchRates(double KafkaRaw, double PipelineKafka, double AkkaRaw, double PipelineMemory);
