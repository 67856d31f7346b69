using Microsoft.Extensions.Logging;

namespace StreamMetrics.Pipeline.State;

internal static partial class CheckpointLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Forecaster state hand-over is off: '{StateTopic}' has {StatePartitions} partitions, '{InputTopic}' {InputPartitions}; they must be equal")]
    public static partial void NotCoPartitioned(ILogger logger, string stateTopic, int statePartitions, string inputTopic, int inputPartitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the offline forecaster states of {Types} types from {Directory}")]
    public static partial void FilesLoaded(ILogger logger, int types, string directory);

    // Debug: a rebalance is told in one line by the consumer; this is its detail.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Restored the forecaster state of {Types} types from {Partitions}")]
    public static partial void Restored(ILogger logger, int types, string partitions);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not read {Partitions}; their types start cold")]
    public static partial void RestoreFailed(ILogger logger, Exception error, string partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The forecaster state of type '{Type}' cannot be restored; the type starts cold")]
    public static partial void TypeRestoreFailed(ILogger logger, Exception error, string type);

    [LoggerMessage(Message = "Wrote the forecaster state of {Types} types to '{StateTopic}' ({Reason})")]
    public static partial void Written(ILogger logger, LogLevel level, int types, string stateTopic, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Missing} forecaster states were not acknowledged by '{StateTopic}' ({Reason}); their new owner starts from an older state")]
    public static partial void NotAcknowledged(ILogger logger, int missing, string stateTopic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forecaster state of type '{Type}' was not written: {Reason}")]
    public static partial void WriteFailed(ILogger logger, string type, string reason);
}
