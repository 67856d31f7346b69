namespace StreamMetrics.Hosting.Bench;

/// <summary>How close the pipeline comes to its limits: <c>kafka</c> = pipeline-kafka / kafka-raw, <c>memory</c> = pipeline-memory / akka-raw.</summary>
public sealed record BenchRatios(double Kafka, double Memory)
{
    public static BenchRatios Of(BenchRates rates) => new(Ratio(rates.PipelineKafka, rates.KafkaRaw), Ratio(rates.PipelineMemory, rates.AkkaRaw));

    private static double Ratio(double value, double limit) => limit > 0 ? Math.Round(value / limit, 3) : 0;
}
