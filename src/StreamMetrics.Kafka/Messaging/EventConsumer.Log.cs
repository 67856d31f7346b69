using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace StreamMetrics.Kafka.Messaging;

public sealed partial class EventConsumer
{
    [LoggerMessage(Level = LogLevel.Error,
        Message = "DATA LOST: {Count} records of {Partition} (offsets {First}..{Last}) vanished unread (truncated, or an offset reset); {Total} lost in all")]
    private partial void LogDataLost(long count, string partition, long first, long last, long total);

    [LoggerMessage(Level = LogLevel.Information, Message = "group {Group}: assigned {Partitions}")]
    private partial void LogAssigned(string group, string partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "group {Group}: rebalanced, owns {Assigned}; gave up {Revoked} (offsets committed: {Committed})")]
    private partial void LogRebalanced(string group, string assigned, string revoked, bool committed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "group {Group}: revoked {Partitions} (offsets committed: {Committed})")]
    private partial void LogRevoked(string group, string partitions, bool committed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "records of {Partitions} handed to the pipeline were not finished within {Timeout} of their revocation; their next owner reads them again")]
    private partial void LogRevokeDrainTimedOut(string partitions, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "group {Group}: lost {Partitions} without a commit; their next owner reads them again from the last commit")]
    private partial void LogLost(string group, string partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "group {Group}: closed after {Consumed} records, {Lost} lost")]
    private partial void LogClosed(string group, long consumed, long lost);

    [LoggerMessage(Level = LogLevel.Debug, Message = "offset {Offset} of {Partition} not stored: the partition is not assigned here (any more); its owner reads it again")]
    private partial void LogStoreRejected(string partition, long offset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "offset commit refused ({Code}); the offsets stay pending and are committed later")]
    private partial void LogCommitFailed(ErrorCode code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "committed offsets could not be read, so lost records before the first one read are not detected: {Reason}")]
    private partial void LogCommittedLookupFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "leaving the group with {Count} partitions' offsets uncommitted ({Partitions}): their records will be read again")]
    private partial void LogUncommittedAtClose(int count, string partitions);

    [LoggerMessage(Level = LogLevel.Error, Message = "a partition assignment handler failed")]
    private partial void LogHandlerFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "group {Group}: the poll loop stopped")]
    private partial void LogPollLoopFailed(Exception exception, string group);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka consumer error {Code}: {Reason}")]
    private partial void LogKafkaError(ErrorCode code, string reason);

    [LoggerMessage(Message = "librdkafka {Facility}: {Text}")]
    private partial void LogNative(LogLevel level, string facility, string text);
}
