using Microsoft.Extensions.Logging;

namespace StreamMetrics.Pipeline.Scaling;

internal static partial class ScalingLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing forecasts or a scaling decision failed; the next tick publishes fresh values")]
    public static partial void PublishFailed(ILogger logger, Exception error);
}
