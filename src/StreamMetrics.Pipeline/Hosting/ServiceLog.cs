using Microsoft.Extensions.Logging;

namespace StreamMetrics.Pipeline.Hosting;

internal static partial class ServiceLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The pipeline stream failed; events not acknowledged will be redelivered after restart")]
    public static partial void StreamFailed(ILogger logger, Exception error);
}
