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
    /// Runs a command line with time to drain: on Ctrl-C or SIGTERM the running command is cancelled and may take as
    /// long as its own timeouts allow (such as <c>run --shutdown-timeout</c>) to finish in-flight events and commit; a
    /// second signal ends the process at once (<see cref="StopSignals"/>).
    /// </summary>
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null };
        using var signals = new StopSignals(configuration.Error);
        return signals.ExitCodeOf(await UserErrors.InvokeAsync(root.Parse(args), configuration, signals.Stopping));
    }
}
