namespace StreamMetrics.Kafka.Serialization;

/// <summary>One codec per schema in <c>schemas/</c>; each is stateless and safe to share between threads.</summary>
public static class AvroCodecs
{
    public static EventCodec Event { get; } = new();
    public static MetricSampleCodec MetricSample { get; } = new();
    public static ForecastCodec Forecast { get; } = new();
    public static ScalingDecisionCodec ScalingDecision { get; } = new();
    public static DeadLetterCodec DeadLetter { get; } = new();
}
