using Microsoft.Extensions.Logging;
using StreamMetrics.Hosting.Http;

namespace StreamMetrics.Hosting;

/// <summary>How the host runs the service.</summary>
public sealed class ServiceHostOptions
{
    /// <summary>
    /// How long a stop may take to drain in-flight events and commit them; what is not committed by then is read again
    /// on the next start. Range 1 s to 2 min; default 10 s.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The least severe log entries written to standard error. Default information.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>The operators' HTTP endpoint (<c>--http</c>); null (the default) serves none.</summary>
    public OperatorHttpOptions? Http { get; init; }
}
