using Akka.Actor;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamMetrics.Kafka.Topics;
using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Hosting;

/// <summary>
/// The service as the host runs it: started once the host's actor system is up, drained when the host stops. A drain
/// that outlasts the host's shutdown timeout is abandoned; the events it had not committed are read again on the next
/// start, so nothing is lost.
/// </summary>
public sealed partial class StreamMetricsHostedService(
    ServiceOptions options, ITopicAdmin topics, ActorSystem system, ILoggerFactory loggers, TimeProvider time) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<StreamMetricsHostedService>();
    private StreamMetricsService? _service;

    /// <summary>The running service; there once the host has started.</summary>
    public StreamMetricsService Service => _service ?? throw new InvalidOperationException("the service has not started yet");

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _service = await StreamMetricsService.StartAsync(options, topics, system, loggers, time, cancellationToken).ConfigureAwait(false);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_service is null)
            return;
        try
        {
            await _service.StopAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            DrainAbandoned(_logger);
        }
    }

    /// <summary>Safe to call twice: the container disposes both the service and the hosted-service entry that is the same object.</summary>
    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _service, null)?.DisposeAsync() ?? ValueTask.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The drain outlasted the shutdown timeout; events not yet committed will be read again on the next start")]
    private static partial void DrainAbandoned(ILogger logger);
}
