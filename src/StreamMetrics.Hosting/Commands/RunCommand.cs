using System.CommandLine;
using Microsoft.Extensions.Logging;
using StreamMetrics.Core.Configuration;
using StreamMetrics.Core.Events;
using StreamMetrics.Core.Forecasting;
using StreamMetrics.Core.Scaling;
using StreamMetrics.Kafka.Clients;
using StreamMetrics.Kafka.Embedded;
using StreamMetrics.Kafka.Topics;
using StreamMetrics.Pipeline.Hosting;

namespace StreamMetrics.Hosting.Commands;

/// <summary><c>streammetrics run</c>: the service itself, until Ctrl-C or SIGTERM.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var bootstrap = CommonOptions.BootstrapServers(required: false);
        var config = new Option<FileInfo?>("--config")
        {
            Description = "JSON file with user-defined profiles, selection thresholds, pins, functions, pool settings and Kafka client properties (see streammetrics.example.json)",
        };
        var inputTopic = new Option<string>("--input-topic") { Description = "Topic the events arrive on", DefaultValueFactory = _ => "events" };
        var group = new Option<string>("--group")
        {
            Description = "Consumer group; start more `run` processes with the same group to share the partitions",
            DefaultValueFactory = _ => "streammetrics",
        };
        var bucket = CommonOptions.Duration("--bucket", TimeSpan.FromMinutes(1), "Forecast bucket length");
        var model = new Option<string>("--forecast-model")
        {
            Description = $"Forecasting model per event type: {string.Join(", ", ForecastModels.Standalone)} (auto picks per type by rolling error)",
            DefaultValueFactory = _ => ForecastModels.Auto,
        };
        model.AcceptOnlyFromAmong([.. ForecastModels.Standalone]);
        var gbmModel = new Option<FileInfo?>("--gbm-model")
        {
            Description = "A gbm model file written by `streammetrics forecast --train`; with it, auto also weighs the global gbm forecaster",
        };
        var tick = CommonOptions.Duration("--tick", TimeSpan.FromSeconds(1), "How often the scaling actor decides and forecasts are published");
        var forecasterState = new Option<DirectoryInfo>("--forecaster-state")
        {
            Description = "Start each event type from the state `forecast --save-state DIR` trained (DIR/<type>.state); " +
                          "states handed over on the forecaster-state topic replace them",
        };
        forecasterState.AcceptExistingOnly();

        var typePolicy = new Option<string?>("--type-policy")
        {
            Description = $"Scale each event type with its own policy ({string.Join(", ", ScalingPolicies.PerTypeNames)}) instead of one pool-wide reactive parallelism limit",
        };
        typePolicy.AcceptOnlyFromAmong([.. ScalingPolicies.PerTypeNames]);

        var shutdownTimeout = CommonOptions.Duration("--shutdown-timeout", new ServiceHostOptions().ShutdownTimeout,
            "How long a stop (Ctrl-C, SIGTERM) may take to finish in-flight events and commit them; the rest is read again on the next start. " +
            "A second Ctrl-C or SIGTERM during the stop ends the process at once (exit code 130 or 143)")
            .Within(ServiceHost.MinShutdownTimeout, ServiceHost.MaxShutdownTimeout);
        var connectTimeout = CommonOptions.Duration("--connect-timeout", KafkaConnection.ReachTimeout,
                "How long to wait for the cluster at --bootstrap-servers to answer, and for it to create missing topics, before giving up with an error")
            .Within(KafkaConnection.MinReachTimeout, KafkaConnection.MaxReachTimeout);
        var stateCheckpointInterval = CommonOptions.Duration("--state-checkpoint-interval", ServiceOptions.DefaultStateCheckpointInterval,
                "How often every event type's forecaster state is written to the forecaster-state topic, so that a restart after a crash " +
                "resumes from it (a clean stop or a rebalance always writes it)")
            .Within(ServiceOptions.MinStateCheckpointInterval, ServiceOptions.MaxStateCheckpointInterval);
        var kafkaProperty = CommonOptions.KafkaProperty();
        var typeLimit = new Option<int>("--max-types")
        {
            Description = "Most event types the service keeps state for (forecaster, configurator, worker pool, scaler, counters); a new type beyond " +
                          "it makes the service forget the least recently seen one, so invented type names cannot exhaust memory. " +
                          $"The default {TypeTableOptions.DefaultMaxTypes:N0} keeps a full table within 2 GB: a type with a day of forecasting history costs about 46 KB",
            DefaultValueFactory = _ => TypeTableOptions.DefaultMaxTypes,
        }.Within(1, TypeTableOptions.MaxTypesLimit);
        var typeIdle = CommonOptions.Duration("--type-idle-timeout", TypeTableOptions.DefaultIdleTimeout,
            "How long an event type may go without an event before the service forgets it; if it comes back it starts afresh " +
            "(the default, a day, is the forecasting season: by then its models have nothing left to learn from)")
            .Within(TypeTableOptions.MinIdleTimeout, TypeTableOptions.MaxIdleTimeout);

        var http = CommonOptions.Http();
        var maxTypes = CommonOptions.MetricsMaxTypes();

        var command = new Command("run", "Run the StreamMetrics service: consume events, forecast, configure, execute, publish sampled metrics. " +
                                         "Stops cleanly on Ctrl-C/SIGTERM: in-flight events finish and their offsets are committed.")
        {
            bootstrap, config, inputTopic, group, bucket, model, gbmModel, tick, forecasterState, typePolicy, shutdownTimeout, connectTimeout,
            stateCheckpointInterval, kafkaProperty, typeLimit, typeIdle, http, maxTypes,
        };
        command.SetGuardedAction(async (parse, cancellation) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var settings = ConfigFile.Load(parse.GetValue(config));
            var models = new ForecastModelOptions { Gbm = LoadGbm(parse.GetValue(gbmModel)) };
            var properties = KafkaProperties.Merge(settings.Kafka, parse.GetValue(kafkaProperty)!);
            var waitLimit = parse.GetValue(connectTimeout);
            if (parse.GetValue(bootstrap) is { } servers)
            {
                // A cluster that does not answer would otherwise leave the terminal silent for the whole wait.
                if (KafkaConnection.CheckForm(servers) is null)
                    await error.WriteLineAsync($"connecting: waiting up to {DurationText.Format(waitLimit)} (--connect-timeout) for Kafka at {servers} to answer");
                if (KafkaConnection.Check(servers, properties, waitLimit, out _, out _) is { } problem)
                    throw new ArgumentException(problem);
            }
            // The host has its own loggers; these serve the topic administration, which runs before it starts.
            using var loggers = ConsoleLogging.Create();
            using var kafka = ClusterConnection.Open(parse.GetValue(bootstrap), properties, logger: loggers.CreateLogger<KafkaTopicAdmin>(), adminTimeout: waitLimit);
            if (kafka.IsEmbedded)
                Console.WriteLine($"bootstrap.servers={kafka.BootstrapServers}");
            var options = new ServiceOptions
            {
                BootstrapServers = kafka.BootstrapServers,
                KafkaProperties = properties,
                InputTopic = parse.GetValue(inputTopic)!,
                Group = parse.GetValue(group)!,
                Config = settings,
                Forecasting = new LoadForecasterOptions { BucketLength = parse.GetValue(bucket) },
                ForecastModel = parse.GetValue(model)!,
                Models = models,
                TickInterval = parse.GetValue(tick),
                ForecasterStateDirectory = parse.GetValue(forecasterState)?.FullName,
                TypePolicies = parse.GetValue(typePolicy) is { } policy
                    ? ScalingPolicies.PerType(policy, new PredictivePolicyOptions { BucketLength = parse.GetValue(bucket), UseGivenForecast = true })
                    : null,
                Types = new TypeTableOptions { MaxTypes = parse.GetValue(typeLimit), IdleTimeout = parse.GetValue(typeIdle) },
                StateCheckpointInterval = parse.GetValue(stateCheckpointInterval),
            };
            var stopLimit = parse.GetValue(shutdownTimeout);
            using var host = ServiceHost.Build(options, kafka.Topics, TimeProvider.System, new ServiceHostOptions
            {
                ShutdownTimeout = stopLimit,
                Http = CommonOptions.OperatorHttp(parse, http, maxTypes),
            });
            await host.StartAsync(cancellation);
            var service = host.Service();
            await error.WriteLineAsync($"running: consuming '{options.InputTopic}' as group '{options.Group}'; Ctrl-C stops");
            await Task.WhenAny(service.Completion, Task.Delay(Timeout.Infinite, cancellation)).ContinueWith(_ => { }, TaskScheduler.Default);
            if (cancellation.IsCancellationRequested)
            {
                await error.WriteLineAsync($"stopping: draining in-flight events and committing them, for up to {DurationText.Format(stopLimit)} " +
                                           "(--shutdown-timeout); Ctrl-C or SIGTERM again stops at once");
            }
            await host.StopAsync(CancellationToken.None);
            var counters = service.Components.Counters;
            await error.WriteLineAsync($"stopped: {counters.EventsProcessed} events processed, {counters.DeadLettered} dead-lettered, " +
                                       $"{counters.MetricRecordsByTopic.Values.Sum()} metric records published");
            return service.Completion.IsFaulted ? 1 : 0;
        });
        return command;
    }

    private static GbmEnsemble? LoadGbm(FileInfo? file)
    {
        if (file is null)
            return null;
        if (!file.Exists)
            throw new FileNotFoundException($"--gbm-model = '{file.FullName}': no such file; write one with `streammetrics forecast TRACE.csv --train FILE`", file.FullName);
        using var stream = file.OpenRead();
        try
        {
            return GbmEnsemble.Load(stream);
        }
        catch (Exception error) when (error is EndOfStreamException or InvalidDataException)
        {
            throw new InvalidDataException(
                $"--gbm-model = '{file.FullName}' cannot be used ({error.Message}); write one with `streammetrics forecast TRACE.csv --train FILE`", error);
        }
    }
}
