namespace StreamMetrics.Kafka.Topics;

/// <summary>Topics a command needs are missing and the cluster would not create them; the message says which and what to do.</summary>
public sealed class TopicCreationException(string message, Exception inner) : Exception(message, inner);
