using Microsoft.Extensions.Logging;

namespace StreamMetrics.Pipeline.Hosting;

internal static partial class ServiceLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The pipeline stream failed; events not acknowledged will be redelivered after restart")]
    public static partial void StreamFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The scaling actor did not stop within {Timeout}; it stops with the actor system")]
    public static partial void ScalingStopTimedOut(ILogger logger, TimeSpan timeout);
}
