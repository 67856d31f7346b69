namespace StreamMetrics.Kafka.Input;

/// <summary>Why an input record was rejected; <see cref="Describe"/> is what the dead-letter record carries.</summary>
public sealed record InputRejection(RejectionKind Kind, string Reason)
{
    public string Describe() => $"{Kind}: {Reason}";
}
