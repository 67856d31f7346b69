using System.CommandLine;

namespace StreamMetrics.Hosting.Commands;

/// <summary>The commands that run and feed the service, in the order <c>--help</c> lists them.</summary>
public static class ServiceCommands
{
    public const string Description =
        "StreamMetrics: forecasts each event type's load, chooses its metric profile before an instance starts, " +
        "scales the worker pool ahead of bursts, and publishes sampled metrics to Kafka.";

    /// <summary>A new set of <c>run</c>, <c>broker</c>, <c>produce</c> and <c>watch</c>.</summary>
    public static IEnumerable<Command> Create() =>
    [
        RunCommand.Create(),
        BrokerCommand.Create(),
        ProduceCommand.Create(),
        WatchCommand.Create(),
    ];

    /// <summary>
    /// Runs a command line with time to drain: on Ctrl-C or SIGTERM the running command is cancelled and given time to
    /// finish in-flight events and commit, instead of the library's default 2 s before the process is ended. The
    /// command's own timeouts (such as <c>run --shutdown-timeout</c>) end it sooner.
    /// </summary>
    public static Task<int> InvokeAsync(RootCommand root, string[] args) =>
        UserErrors.InvokeAsync(root.Parse(args), new InvocationConfiguration { ProcessTerminationTimeout = ServiceHost.MaxShutdownTimeout + TimeSpan.FromSeconds(10) });
}
