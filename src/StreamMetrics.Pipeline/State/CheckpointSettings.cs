namespace StreamMetrics.Pipeline.State;

/// <summary>Where forecaster snapshots go and how often; taken from the service options.</summary>
internal sealed record CheckpointSettings(
    string Group,
    string InputTopic,
    string StateTopic,
    TimeSpan Interval,
    TimeSpan TickInterval,
    TimeSpan RestoreTimeout);
