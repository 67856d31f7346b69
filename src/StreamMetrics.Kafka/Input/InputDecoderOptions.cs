namespace StreamMetrics.Kafka.Input;

/// <summary>Limits the input decoder enforces before an event enters the pipeline.</summary>
public sealed class InputDecoderOptions
{
    /// <summary>Largest accepted record value, in bytes. Range 1 KiB to 64 MiB; default 1 MiB.</summary>
    public int MaxEventBytes { get; init; } = 1024 * 1024;

    /// <summary>Events stamped before this instant are rejected as invalid timestamps. Default 2000-01-01T00:00:00Z.</summary>
    public DateTimeOffset EarliestTimestamp { get; init; } = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far past the current time an event's timestamp may lie (producer clock skew). Range 0 to 7 days; default 1 hour.</summary>
    public TimeSpan MaxFutureSkew { get; init; } = TimeSpan.FromHours(1);

    public void Validate()
    {
        if (MaxEventBytes is < 1024 or > 64 * 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxEventBytes), MaxEventBytes,
                $"max-event-bytes = {MaxEventBytes}, must be between 1024 (1 KiB) and 67108864 (64 MiB)");
        }

        if (MaxFutureSkew < TimeSpan.Zero || MaxFutureSkew > TimeSpan.FromDays(7))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFutureSkew), MaxFutureSkew,
                $"max-future-skew = {MaxFutureSkew}, must be between 0 and 7 days");
        }
    }
}
