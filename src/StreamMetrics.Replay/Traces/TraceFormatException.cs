namespace StreamMetrics.Replay.Traces;

/// <summary>A trace file that cannot be read as its format says; the message names the file, line and column.</summary>
public sealed class TraceFormatException(string message) : FormatException(message);
