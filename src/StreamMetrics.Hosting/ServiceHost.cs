using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamMetrics.Hosting.Http;
using StreamMetrics.Kafka.Topics;
using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Hosting;

/// <summary>
/// Builds the host a StreamMetrics service runs in: it owns the actor system's life, routes Akka's log through the
/// host's loggers (standard error, never standard output), and gives a stop its shutdown timeout. <c>run</c>, the demo
/// and live replay all run the service this way.
/// </summary>
public static class ServiceHost
{
    /// <summary>The shortest and longest time a stop may take to drain.</summary>
    public static readonly TimeSpan MinShutdownTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxShutdownTimeout = TimeSpan.FromMinutes(2);

    /// <summary>A built, not yet started host; <see cref="Service"/> finds the service once it has started.</summary>
    public static IHost Build(ServiceOptions options, ITopicAdmin topics, TimeProvider time, ServiceHostOptions host)
    {
        if (host.ShutdownTimeout < MinShutdownTimeout || host.ShutdownTimeout > MaxShutdownTimeout)
            throw new ArgumentException($"shutdown timeout = {host.ShutdownTimeout.TotalSeconds:0.###}s, must be between {MinShutdownTimeout.TotalSeconds:0}s and {MaxShutdownTimeout.TotalSeconds:0}s");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        ConsoleLogging.Configure(builder.Logging, host.LogLevel);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = host.ShutdownTimeout);
        builder.Services.AddSingleton<IHostLifetime, CommandLineLifetime>();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(topics);
        builder.Services.AddSingleton(time);
        // Registered before the service, so the actor system starts before it and stops after it has drained.
        // The host stops the actor system after the service has drained. Akka's own Ctrl-C/SIGTERM hook would end the
        // actor system under a draining stream, which then never completes (StopSignals handles the signals instead).
        builder.Services.AddAkka("streammetrics", akka => akka
            .AddHocon("akka.stdout-loglevel = OFF\nakka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend)
            .ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.LogLevel.WarningLevel;
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            }));
        builder.Services.AddSingleton<StreamMetricsHostedService>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<StreamMetricsHostedService>());
        if (host.Http is { } http)
        {
            http.Validate();
            // Kestrel's per-request lines and its start banner would drown the service's own; its warnings still show.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
            builder.Services.AddSingleton(http);
            // After the service: it serves a running service, and stops before the service drains.
            builder.Services.AddSingleton<OperatorHttpService>();
            builder.Services.AddHostedService(provider => provider.GetRequiredService<OperatorHttpService>());
        }
        return builder.Build();
    }

    /// <summary>Where a started host's operators' endpoint listens; null when it serves none.</summary>
    public static Uri? HttpAddress(this IHost host) => host.Services.GetService<OperatorHttpService>()?.Address;

    /// <summary>The service a started host runs.</summary>
    public static StreamMetricsService Service(this IHost host) => host.Services.GetRequiredService<StreamMetricsHostedService>().Service;
}
