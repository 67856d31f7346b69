using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Hosting.Http;

/// <summary>
/// The operators' HTTP endpoint as another hosted service of the service's host: started after the service, stopped
/// before it drains. It samples the live page's history once a scaling tick.
/// The server is Kestrel rather than System.Net.HttpListener: on Linux, HttpListener matches each request's Host header
/// against the prefix it listens on, so one bound to 127.0.0.1 turns away <c>curl localhost:9464</c> and 0.0.0.0 must be
/// spelled as a wildcard, and it has no request limits of its own; Kestrel binds the address as given and answers any
/// Host. The price is the ASP.NET Core shared framework, so the container's runtime stage is aspnet rather than runtime.
/// </summary>
internal sealed partial class OperatorHttpService(
    StreamMetricsHostedService hosted, ServiceOptions serviceOptions, OperatorHttpOptions options, ILoggerFactory loggers, TimeProvider time)
    : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<OperatorHttpService>();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private StageLatencyListener? _latencies;
    private Task _sampling = Task.CompletedTask;

    /// <summary>The address it listens on, with the port the system chose when 0 was asked for; there once started.</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        var service = hosted.Service;
        var view = new OperatorView(service, serviceOptions, options, time);
        _latencies = new StageLatencyListener(service.Components.Latencies, view.Exporter);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(options.Endpoint));
        builder.Services.AddRoutingCore();
        // The host's loggers (standard error), not a second set; the container does not dispose an instance it was given.
        builder.Services.AddSingleton(loggers);
        // The command line already stops the host on Ctrl-C and SIGTERM; the web application must not listen for them too.
        builder.Services.AddSingleton<IHostLifetime, CommandLineLifetime>();
        _app = builder.Build();
        OperatorEndpoints.Map(_app, view);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);

        var bound = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Address = new Uri(bound);
        Listening(_logger, Address);
        _sampling = SampleAsync(view, serviceOptions.TickInterval, _stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        if (_app is not null)
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        _latencies?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync().ConfigureAwait(false);
        _latencies?.Dispose();
        _stopping.Dispose();
    }

    private async Task SampleAsync(OperatorView view, TimeSpan interval, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                try
                {
                    view.Sample();
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    // The page loses one sample; the service it watches goes on.
                    SampleFailed(_logger, error);
                }
            }
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "operators' endpoint: {Address}metrics, /healthz, /readyz, the live page at {Address}")]
    private static partial void Listening(ILogger logger, Uri address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the live page's history missed a sample")]
    private static partial void SampleFailed(ILogger logger, Exception error);
}
