using System.CommandLine;

namespace StreamMetrics.Cli.Commands;

/// <summary>The <c>streammetrics</c> command line: every subcommand, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand(
            "StreamMetrics: forecasts each event type's load, chooses its metric profile before an instance starts, " +
            "scales the worker pool ahead of bursts, and publishes sampled metrics to Kafka.");
        foreach (var command in All())
            root.Subcommands.Add(command);
        return root;
    }

    private static IEnumerable<Command> All() =>
    [
        DemoCommand.Create(),
        RunCommand.Create(),
        BrokerCommand.Create(),
        ProduceCommand.Create(),
        WatchCommand.Create(),
        ForecastCommand.Create(),
        EvaluateCommand.Create(),
        ReplayCommand.Create(),
    ];
}
